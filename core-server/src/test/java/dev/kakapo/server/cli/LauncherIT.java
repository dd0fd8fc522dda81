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

    @Test
    void printsTheVersion() throws Exception {
        Commands.Result result = launch("-v");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().trim().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), result.output());
    }
}
