package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The class Chronicle would compile at run time is built with the project and used instead. */
class PrecompiledChronicleStateTest {

    @Test
    void theBuildShipsTheClassForTheChronicleOnTheClassPath() throws IOException {
        try (InputStream bytes = PrecompiledChronicleState.class.getResourceAsStream(PrecompiledChronicleState.BYTES_RESOURCE);
             InputStream versions = PrecompiledChronicleState.class.getResourceAsStream(PrecompiledChronicleState.VERSIONS_RESOURCE)) {
            assertNotNull(bytes, "the build (core-server's pom, process-classes) writes the class");
            assertNotNull(versions);
            assertEquals(PrecompiledChronicleState.chronicleVersions(), new String(versions.readAllBytes(), StandardCharsets.UTF_8).trim());
            assertTrue(PrecompiledChronicleState.chronicleVersions().matches("chronicle-map=\\S+ chronicle-values=\\S+ chronicle-bytes=\\S+ chronicle-core=\\S+"),
                    PrecompiledChronicleState.chronicleVersions());
            assertTrue(bytes.readAllBytes().length > 1000);
        }
    }

    @Test
    void aFreshJvmOpensAStoreWithoutRunningJavac() throws Exception {
        String jvmOptions = System.getProperty("kakapo.jvm.options");
        assumeTrue(jvmOptions != null, "run through Maven, which passes jvm.options");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + jvmOptions,
                "-Xlog:class+load=info", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                OpenAStore.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("opened 1 lease"), output);
        assertTrue(output.lines().anyMatch(l -> l.contains(PrecompiledChronicleState.CLASS_NAME)), "the state class was loaded");
        assertFalse(output.contains("com.sun.tools.javac"), "no compiler class was loaded");
    }

    /** Opens an in-memory store and writes one lease, in a JVM of its own. */
    public static final class OpenAStore {
        public static void main(String[] args) {
            try (ChronicleLeaseStore store = ChronicleLeaseStore.inMemory(16)) {
                store.put(new Lease4(Ipv4Address.parse("10.0.0.1"), null, null, 60, 1, 1, false, false, "", LeaseState.DEFAULT, null, 0));
                System.out.println("opened " + store.size() + " lease");
            }
        }
    }
}
