package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/** Reads {@code hooks-libraries} and checks that each names a library that can run here. */
final class HookLibraryParser {

    private HookLibraryParser() {
    }

    static List<HookLibraryConfig> readAll(MapReader parent, HookLibraryResolver resolver, boolean multiThreading) {
        return parent.mapList("hooks-libraries", r -> read(r, resolver, multiThreading));
    }

    private static HookLibraryConfig read(MapReader r, HookLibraryResolver resolver, boolean multiThreading) {
        String library = r.requiredString("library");
        JsonNode parameters = r.raw("parameters");
        if (parameters != null && !parameters.isObject()) {
            r.error("parameters", "expected a map, got " + MapReader.describe(parameters));
        }
        r.userContext();
        r.skip("comment");
        r.finish();
        if (library == null) {
            return null;
        }
        HookLibraryResolver.Resolved resolved;
        try {
            resolved = resolver.resolve(library);
        } catch (IllegalArgumentException e) {
            r.error("library", e.getMessage());
            return null;
        }
        if (resolved.apiVersion() != resolver.serverApiVersion()) {
            r.error("library", "hook library '" + resolved.provider() + "' was built for hooks API version "
                    + resolved.apiVersion() + "; this server provides version " + resolver.serverApiVersion());
            return null;
        }
        if (multiThreading && !resolved.multiThreadingCompatible()) {
            r.error("library", "hook library '" + resolved.provider() + "' is not multi-threading compatible "
                    + "and multi-threading is enabled");
            return null;
        }
        try {
            resolver.checkParameters(library, parameters != null ? parameters : JsonNodeFactory.instance.objectNode());
        } catch (IllegalArgumentException e) {
            r.error("parameters", e.getMessage());
            return null;
        }
        return new HookLibraryConfig(library, resolved.provider(), parameters, r.path());
    }
}
