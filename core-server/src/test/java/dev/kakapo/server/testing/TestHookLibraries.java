package dev.kakapo.server.testing;

import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.server.hooks.HookLibraryCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A catalog that sees the test hook libraries besides the class path's, without registering them
 * for every test (a services file in a temporary directory, on a class loader of its own).
 */
public final class TestHookLibraries {

    private TestHookLibraries() {
    }

    /** A catalog with {@link ScriptedHookLibrary} and the libraries in {@code others}. */
    public static HookLibraryCatalog catalog(Path dir, Class<?>... others) {
        try {
            Path services = dir.resolve("META-INF/services/" + HookLibrary.class.getName());
            Files.createDirectories(services.getParent());
            StringBuilder names = new StringBuilder(ScriptedHookLibrary.class.getName()).append('\n');
            for (Class<?> other : others) {
                names.append(other.getName()).append('\n');
            }
            Files.writeString(services, names);
            URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, TestHookLibraries.class.getClassLoader());
            return new HookLibraryCatalog(loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
