package dev.kakapo.server.cli;

import dev.kakapo.server.testing.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** bin/kakapo-dhcp4 itself, as an operator runs it, on the packaged jars in target/lib. */
class LauncherIT {

    private static Path root() {
        String jvmOptions = System.getProperty("kakapo.jvm.options");
        assumeTrue(jvmOptions != null, "run through Maven, which says where the project is");
        return Path.of(jvmOptions).getParent();
    }

    private static Commands.Result launch(String... args) throws Exception {
        Path root = root();
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("bin/kakapo-dhcp4").toString()));
        command.addAll(List.of(args));
        return Commands.run(60, command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kea-1", "kea-2", "kea-3", "kea-4", "kea-backup"})
    void checkAcceptsEverySeedConfigurationAsPrinted(String name) throws Exception {
        Commands.Result result = launch("-t", root().resolve("examples/kea-configs/seed/" + name + ".json").toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("configuration seems sane"), result.output());
    }

    @Test
    void checkRefusesABrokenVariantWithItsPath(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("kea-backup.json");
        Files.writeString(broken, Files.readString(root().resolve("examples/kea-configs/seed/kea-backup.json"))
                .replace("\"172.30.0.2-172.30.0.254\"", "\"172.31.0.2-172.31.0.254\""));
        Commands.Result result = launch("-t", broken.toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Dhcp4.subnet4[2].pools[0].pool (line 150, column 33): pool 172.31.0.2-172.31.0.254 "
                + "is not within its subnet 172.30.0.0/24"), result.output());
    }

    private static String serverOn(int port, Path leases) {
        return "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/127.0.0.1\"], \"dhcp-socket-type\": \"udp\"},"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \"" + leases + "\"},"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.9.0.0/24\", \"pools\": [{\"pool\": \"10.9.0.10-10.9.0.20\"}]}]}}";
    }

    /**
     * A second server on the address and port of one that runs refuses to start, naming them.
     * (Kea 2.2 starts, logs DHCPSRV_OPEN_SOCKET_FAIL and serves nothing on that socket.)
     */
    @Test
    void aSecondServerOnTheSameAddressAndPortRefusesToStart(@TempDir Path dir) throws Exception {
        int port = dev.kakapo.server.testing.Ports.free();
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        Files.writeString(first, serverOn(port, dir.resolve("first.csv")));
        Files.writeString(second, serverOn(port, dir.resolve("second.csv")));
        Path log = dir.resolve("first.log");
        Process running = new ProcessBuilder(root().resolve("bin/kakapo-dhcp4").toString(), "-c", first.toString(),
                "-p", String.valueOf(port), "-P", String.valueOf(port + 1)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.readString(log).contains("kakapo-dhcp4: serving")) {
                assertTrue(running.isAlive() && System.nanoTime() < deadline, "the first server did not start: " + Files.readString(log));
                Thread.sleep(50);
            }
            Commands.Result result = launch("-c", second.toString(), "-p", String.valueOf(port), "-P", String.valueOf(port + 1));
            assertEquals(1, result.exitCode(), result.output());
            assertTrue(result.output().contains("another server already serves 127.0.0.1:" + port), result.output());
            assertTrue(running.isAlive(), "the first server goes on serving");
        } finally {
            running.destroy();
            running.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void printsTheVersion() throws Exception {
        Commands.Result result = launch("-v");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().trim().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), result.output());
    }
}
