package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.server.config.HookLibraryResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HookLibraryCatalogTest {

    private final HookLibraryCatalog catalog = HookLibraryCatalog.fromClassPath();

    @Test
    void matchesKeaLibraryPathsByBaseName() {
        assertEquals("ha", catalog.resolve("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so").provider());
        assertEquals("ha", catalog.resolve("/opt/kea/lib/kea/hooks/libdhcp_ha.so.54").provider());
        assertEquals("lease-cmds", catalog.resolve("libdhcp_lease_cmds.so").provider());
        assertEquals("lease-cmds", catalog.resolve("lease-cmds").provider(), "a provider name works too");
    }

    @Test
    void refusesAnUnknownLibraryAndListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.resolve("/usr/lib/kea/hooks/libdhcp_radius.so"));
        assertTrue(e.getMessage().contains("libdhcp_radius"), e.getMessage());
        assertTrue(e.getMessage().contains("ha (libdhcp_ha)"), e.getMessage());
    }

    @Test
    void reportsTheBundledLibrariesAsMultiThreadingSafeForThisApiVersion() {
        HookLibraryResolver.Resolved ha = catalog.resolve("libdhcp_ha.so");
        assertEquals(HookLibrary.API_VERSION, ha.apiVersion());
        assertTrue(ha.multiThreadingCompatible());
    }

    @Test
    void loadsALibraryFromItsOwnJar(@TempDir Path dir) throws IOException {
        Path jar = buildHookJar(dir, "ThirdParty", "third-party", "HookLibrary.API_VERSION", true);
        HookLibraryResolver.Resolved resolved = catalog.resolve(jar.toString());
        assertEquals("third-party", resolved.provider());
        assertTrue(resolved.multiThreadingCompatible());
    }

    @Test
    void reportsTheApiVersionAJarWasBuiltFor(@TempDir Path dir) throws IOException {
        Path jar = buildHookJar(dir, "Future", "future", "99", false);
        HookLibraryResolver.Resolved resolved = catalog.resolve(jar.toString());
        assertEquals(99, resolved.apiVersion());
        assertFalse(resolved.multiThreadingCompatible());
    }

    @Test
    void refusesAJarWithoutProvider(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("README"));
            out.write("nothing here".getBytes(StandardCharsets.UTF_8));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.resolve(jar.toString()));
        assertTrue(e.getMessage().contains("holds no"), e.getMessage());
    }

    @Test
    void stripsDirectoriesAndVersionSuffixes() {
        assertEquals("libdhcp_ha", HookLibraryCatalog.keaBaseName("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so"));
        assertEquals("libdhcp_ha", HookLibraryCatalog.keaBaseName("libdhcp_ha.so.54.0.0"));
        assertEquals("ha", HookLibraryCatalog.keaBaseName("ha"));
    }

    /** Compiles a third-party hook library against core-api and packs it as a jar, the way a hook author would. */
    static Path buildHookJar(Path dir, String className, String name, String apiVersion, boolean multiThreading) throws IOException {
        Path src = dir.resolve("src/example/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package example;\n"
                + "import dev.kakapo.api.hooks.HookLibrary;\n"
                + "public final class " + className + " implements HookLibrary {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public int apiVersion() { return " + apiVersion + "; }\n"
                + "  public boolean multiThreadingCompatible() { return " + multiThreading + "; }\n"
                + "}\n");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "tests run on a JDK");
        String classPath = System.getProperty("java.class.path") + java.io.File.pathSeparator
                + System.getProperty("surefire.test.class.path", "");
        int status = compiler.run(null, null, null, "-d", classes.toString(), "-cp", classPath, src.toString());
        assertEquals(0, status, "the example hook compiles");
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("example/" + className + ".class"));
            Files.copy(classes.resolve("example/" + className + ".class"), (OutputStream) out);
            out.putNextEntry(new JarEntry("META-INF/services/" + HookLibrary.class.getName()));
            out.write(("example." + className + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
