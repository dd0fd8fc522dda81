package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Address;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code client-classes}. */
final class ClientClassParser {

    private ClientClassParser() {
    }

    static List<ClientClassConfig> readAll(MapReader parent, OptionCatalog catalog) {
        Set<String> names = new HashSet<>();
        return parent.mapList("client-classes", r -> {
            ClientClassConfig parsed = read(r, catalog);
            if (parsed != null && !names.add(parsed.name())) {
                r.error("name", "client class '" + parsed.name() + "' is defined twice");
                return null;
            }
            return parsed;
        });
    }

    private static ClientClassConfig read(MapReader r, OptionCatalog globalCatalog) {
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
        if (test != null && !test.isBlank()) {
            r.warn("test", "read but not acted on: class expressions are not evaluated yet");
        }
        boolean additional = onlyIfRequired != null && onlyIfRequired || onlyInAdditional != null && onlyInAdditional;
        return new ClientClassConfig(name, test == null ? "" : test, additional, options, nextServer, serverHostname,
                bootFileName, valid, minValid, maxValid, userContext);
    }
}
