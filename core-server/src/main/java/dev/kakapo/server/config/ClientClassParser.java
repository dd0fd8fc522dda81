package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.classify.Expression;
import dev.kakapo.server.classify.ExpressionSyntaxException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code client-classes}. */
final class ClientClassParser {

    private ClientClassParser() {
    }

    /** Names a class may test with {@code member()} without defining them: Kea's built-in classes. */
    private static final Set<String> BUILT_IN = Set.of("ALL", "KNOWN", "UNKNOWN", "DROP", "BOOTP", "SKIP_DDNS");
    private static final List<String> BUILT_IN_PREFIXES = List.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_", "SPAWN_");

    static List<ClientClassConfig> readAll(MapReader parent, OptionCatalog catalog) {
        Set<String> names = new HashSet<>();
        return parent.mapList("client-classes", r -> {
            ClientClassConfig parsed = read(r, catalog, names);
            if (parsed != null && !names.add(parsed.name())) {
                r.error("name", "client class '" + parsed.name() + "' is defined twice");
                return null;
            }
            return parsed;
        });
    }

    /** Whether a class test may name {@code name}: built in, or defined before (Kea refuses forward references). */
    static boolean usable(String name, Set<String> definedBefore) {
        return BUILT_IN.contains(name) || definedBefore.contains(name)
                || BUILT_IN_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static ClientClassConfig read(MapReader r, OptionCatalog globalCatalog, Set<String> definedBefore) {
        String name = r.requiredString("name");
        String test = r.string("test");
        if (r.has("only-if-required") && r.has("only-in-additional-list")) {
            r.error("only-in-additional-list", "use either only-if-required (Kea 2) or only-in-additional-list (Kea 3), not both");
        }
        Boolean onlyIfRequired = r.bool("only-if-required");
        Boolean onlyInAdditional = r.bool("only-in-additional-list");
        OptionCatalog catalog = new OptionCatalog(globalCatalog);
        OptionDefParser.readAll(r, "option-def", catalog);
        List<OptionDataConfig> options = OptionDataParser.readAll(r, catalog);
        Ipv4Address nextServer = NetworkParametersReader.ipv4(r, "next-server");
        String serverHostname = r.string("server-hostname");
        String bootFileName = r.string("boot-file-name");
        Long valid = r.uint32("valid-lifetime");
        Long minValid = r.uint32("min-valid-lifetime");
        Long maxValid = r.uint32("max-valid-lifetime");
        JsonNode userContext = r.userContext();
        r.notActedOn("offered leases are not held for a separate lifetime", "offer-lifetime");
        r.notActedOn("template classes are not supported yet", "template-test");
        r.skip("comment");
        r.finish();
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            r.error("name", "a client class name cannot be empty");
            return null;
        }
        Expression expression = null;
        if (test != null && !test.isBlank()) {
            try {
                expression = Expression.parse(test, other -> usable(other, definedBefore));
            } catch (ExpressionSyntaxException e) {
                r.error("test", "client class '" + name + "': the expression '" + test + "' does not parse: " + e.getMessage());
                return null;
            }
        }
        boolean additional = onlyIfRequired != null && onlyIfRequired || onlyInAdditional != null && onlyInAdditional;
        return new ClientClassConfig(name, test == null ? "" : test, expression, additional, options, nextServer, serverHostname,
                bootFileName, valid, minValid, maxValid, userContext);
    }
}
