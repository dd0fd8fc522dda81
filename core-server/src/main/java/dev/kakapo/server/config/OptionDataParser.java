package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.options.EncodedOption;
import dev.kakapo.api.options.OptionDataEncoder;
import dev.kakapo.api.options.OptionDataException;
import dev.kakapo.api.options.OptionDefinition;
import dev.kakapo.api.options.StandardOptionDefinitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code option-data} lists, wherever they appear, into wire bytes: the option is found by
 * code or name (both must agree), its data converted by its definition as Kea converts it.
 */
final class OptionDataParser {

    private OptionDataParser() {
    }

    static List<OptionDataConfig> readAll(MapReader parent, OptionCatalog catalog) {
        List<OptionDataConfig> options = parent.mapList("option-data", r -> read(r, catalog));
        checkDuplicates(parent, options);
        return options;
    }

    private static OptionDataConfig read(MapReader r, OptionCatalog catalog) {
        String name = r.string("name");
        Long code = r.has("code") ? r.integer("code", 0, 255) : null;
        String space = r.string("space");
        String data = r.string("data");
        Boolean csv = r.bool("csv-format");
        Boolean always = r.bool("always-send");
        Boolean never = r.bool("never-send");
        List<String> classes = r.stringList("client-classes");
        JsonNode userContext = r.userContext();
        r.skip("comment", "metadata");
        r.finish();

        if (name == null && code == null) {
            if (!r.has("name") && !r.has("code")) {
                r.diagnostics().error(r.path(), "option data configuration requires one of 'code' or 'name' parameters to be specified");
            }
            return null;
        }
        space = space == null ? StandardOptionDefinitions.DHCP4_SPACE : space;
        if (!OptionCatalog.isValidName(space)) {
            r.error("space", "invalid option space name '" + space + "'");
            return null;
        }
        Optional<OptionDefinition> def;
        if (code != null) {
            if (code == 0 || code == 255) {
                r.error("code", "option code " + code + " is reserved (pad and end) and cannot carry data");
                return null;
            }
            def = catalog.byCode(space, code.intValue());
            if (name != null && def.isPresent() && !def.get().name().equals(name)) {
                r.error("name", "specified option name '" + name + "' does not match the option definition: '"
                        + space + "." + def.get().name() + "'");
                return null;
            }
            if (name != null && def.isEmpty()) {
                r.error("name", "definition for the option '" + space + "." + name + "' having code '" + code + "' does not exist");
                return null;
            }
        } else {
            def = catalog.byName(space, name);
            if (def.isEmpty()) {
                r.error("name", "definition for the option '" + space + "." + name + "' does not exist");
                return null;
            }
        }
        if (def.isEmpty() && StandardOptionDefinitions.DHCP4_SPACE.equals(space)) {
            r.error("code", "no definition for option code " + code + " in space " + space
                    + " (Kea refuses it too); define it with option-def");
            return null;
        }
        if (always != null && always && never != null && never) {
            r.error("never-send", "always-send and never-send cannot both be true");
        }
        byte[] bytes;
        try {
            if (def.isPresent()) {
                EncodedOption encoded = OptionDataEncoder.encode(def.get(), data == null ? "" : data, csv == null || csv);
                for (String warning : encoded.warnings()) {
                    r.warn("data", warning);
                }
                bytes = encoded.bytes();
            } else {
                bytes = OptionDataEncoder.encodeBinary(data == null ? "" : data);
            }
        } catch (OptionDataException e) {
            int optionCode = def.map(OptionDefinition::code).orElse(code == null ? 0 : code.intValue());
            r.error("data", "option data does not match option definition (space: " + space + ", code: " + optionCode + "): " + e.getMessage());
            return null;
        }
        if (bytes.length > 255 * 254) {
            r.error("data", "option data is " + bytes.length + " bytes, too long for a DHCPv4 message");
            return null;
        }
        return new OptionDataConfig(def.map(OptionDefinition::code).orElse(code == null ? 0 : code.intValue()),
                def.map(OptionDefinition::name).orElse(""), space, bytes,
                always != null && always, never != null && never, classes, userContext);
    }

    /** Kea refuses the same option twice in one scope unless client-classes tell them apart (Kea 3). */
    private static void checkDuplicates(MapReader parent, List<OptionDataConfig> options) {
        List<String> seen = new ArrayList<>();
        for (OptionDataConfig option : options) {
            String key = option.space() + "." + option.code() + "." + option.clientClasses();
            if (seen.contains(key)) {
                parent.error("option-data", "option " + option.space() + "." + option.code()
                        + " is given twice in this scope");
            }
            seen.add(key);
        }
    }
}
