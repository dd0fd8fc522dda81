package dev.kakapo.server.config;

import dev.kakapo.api.options.OptionDefinition;
import dev.kakapo.api.options.StandardOptionDefinitions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The option definitions a configuration can use: Kea's standard ones, then the configuration's
 * own {@code option-def} entries (which may define codes of later Kea versions, such as 121).
 */
final class OptionCatalog {

    private final OptionCatalog parent;
    private final Map<String, OptionDefinition> byName = new HashMap<>();
    private final Map<String, OptionDefinition> byCode = new HashMap<>();
    private final List<OptionDefinition> custom = new ArrayList<>();

    OptionCatalog(OptionCatalog parent) {
        this.parent = parent;
    }

    /** A catalog of the standard definitions only. */
    static OptionCatalog standard() {
        return new OptionCatalog(null);
    }

    /** Adds a definition from {@code option-def}. */
    void add(OptionDefinition def) {
        byName.put(def.space() + "." + def.name(), def);
        byCode.put(def.space() + "." + def.code(), def);
        custom.add(def);
    }

    List<OptionDefinition> custom() {
        return List.copyOf(custom);
    }

    Optional<OptionDefinition> byName(String space, String name) {
        OptionDefinition own = byName.get(space + "." + name);
        if (own != null) {
            return Optional.of(own);
        }
        return parent != null ? parent.byName(space, name) : StandardOptionDefinitions.byName(space, name);
    }

    Optional<OptionDefinition> byCode(String space, int code) {
        OptionDefinition own = byCode.get(space + "." + code);
        if (own != null) {
            return Optional.of(own);
        }
        return parent != null ? parent.byCode(space, code) : StandardOptionDefinitions.byCode(space, code);
    }

    /** Whether {@code name} may name an option or an option space, as Kea allows: letters, digits, '-' and '_'. */
    static boolean isValidName(String name) {
        return !name.isEmpty() && name.matches("[A-Za-z0-9_-]+") && !name.startsWith("-") && !name.endsWith("-");
    }
}
