package dev.kakapo.distribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tarball as an operator unpacks it, away from the source tree: it holds what it should,
 * and its commands run from it alone (no target/ directory, no Maven).
 */
class DistributionIT {

    @TempDir
    Path dir;

    private record Run(int status, String output) {
    }

    private Run run(Path cwd, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Run(process.exitValue(), output);
    }

    @Test
    void theUnpackedTarballChecksConfigurationsAndDeploymentsOnItsOwn() throws Exception {
        Path tarball = Path.of(System.getProperty("kakapo.tarball"));
        assertTrue(Files.isRegularFile(tarball), tarball + " was built");
        assertEquals(0, run(dir, "tar", "-xzf", tarball.toString()).status());
        Path home;
        try (Stream<Path> unpacked = Files.list(dir)) {
            home = unpacked.filter(p -> p.getFileName().toString().startsWith("kakapo-")).findFirst().orElseThrow();
        }
        for (String file : List.of("bin/kakapo-dhcp4", "bin/kakapo", "jvm.options", "conf/logback.xml",
                "conf/kakapo-dhcp4.conf", "systemd/kakapo-dhcp4.service", "examples/kea-configs/seed/kea-3.json",
                "examples/grafana/kakapo-dashboard.json", "README.md", "docs/log-messages.md")) {
            assertTrue(Files.exists(home.resolve(file)), file + " is in the tarball");
        }
        assertTrue(Files.isExecutable(home.resolve("bin/kakapo-dhcp4")));
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            for (String prefix : List.of("kakapo-core-api-", "kakapo-core-server-", "kakapo-hook-ha-",
                    "kakapo-hook-lease-cmds-", "kakapo-hook-prometheus-", "logback-classic-", "chronicle-map-")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), prefix + " in lib/: " + names);
            }
            assertFalse(names.stream().anyMatch(n -> n.endsWith("-tests.jar")), "no test jars: " + names);
        }

        Run check = run(home, home.resolve("bin/kakapo-dhcp4").toString(), "-t", "conf/kakapo-dhcp4.conf");
        assertEquals(0, check.status(), check.output());
        assertTrue(check.output().contains("configuration seems sane"), check.output());
        Run version = run(home, home.resolve("bin/kakapo-dhcp4").toString(), "-v");
        assertEquals(0, version.status(), version.output());

        List<String> topology = new java.util.ArrayList<>(List.of(home.resolve("bin/kakapo").toString(), "topology", "check"));
        for (String name : List.of("kea-1", "kea-2", "kea-3", "kea-4", "kea-backup")) {
            topology.add("examples/kea-configs/seed/" + name + ".json");
        }
        Run deployment = run(home, topology.toArray(String[]::new));
        assertEquals(0, deployment.status(), deployment.output());
        assertTrue(deployment.output().contains("5 configurations fit together"), deployment.output());
        assertFalse(Files.exists(home.resolve("target")), "nothing was built in the unpacked tree");
    }

    @Test
    void theSystemdUnitPassesSystemdsOwnCheck() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "needs systemd-analyze");
        Path tarball = Path.of(System.getProperty("kakapo.tarball"));
        assertEquals(0, run(dir, "tar", "-xzf", tarball.toString()).status());
        Path home;
        try (Stream<Path> unpacked = Files.list(dir)) {
            home = unpacked.filter(p -> p.getFileName().toString().startsWith("kakapo-")).findFirst().orElseThrow();
        }
        // The unit names /opt/kakapo; pointed at the unpacked tree, systemd finds the executable it starts.
        Path unit = dir.resolve("kakapo-dhcp4.service");
        Files.writeString(unit, Files.readString(home.resolve("systemd/kakapo-dhcp4.service")).replace("/opt/kakapo", home.toString()));
        Run verify = run(dir, "systemd-analyze", "verify", unit.toString());
        assertEquals(0, verify.status(), verify.output());
        assertEquals("", verify.output().trim(), "no complaint");
    }
}
