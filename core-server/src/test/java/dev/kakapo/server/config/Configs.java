package dev.kakapo.server.config;

import dev.kakapo.server.hooks.HookLibraryCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Test helpers: configurations read with the class path's hook libraries and a made-up host. */
final class Configs {

    /** The interfaces the made-up host has. */
    static final Set<String> HOST_INTERFACES = Set.of("lo", "eth0", "eth1");

    private Configs() {
    }

    /** JSON written with single quotes, for readability in tests. */
    static String j(String json) {
        return json.replace('\'', '"');
    }

    static KeaConfigLoader loader(KeaConfigLoader.Mode mode) {
        return new KeaConfigLoader(HookLibraryCatalog.fromClassPath(), HOST_INTERFACES::contains, mode);
    }

    static LoadedConfig check(String json) throws ConfigException {
        return loader(KeaConfigLoader.Mode.CHECK).parse(json, "test.json");
    }

    static ConfigException refused(String json) {
        try {
            LoadedConfig loaded = check(json);
            throw new AssertionError("expected the configuration to be refused; it was accepted with warnings " + loaded.warnings());
        } catch (ConfigException e) {
            return e;
        }
    }

    static String resource(String name) {
        try (InputStream in = Configs.class.getResourceAsStream("/configs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource configs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
