package dev.kakapo.benchmarks.scale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The million-lease run of run-all.sh at a small scale, so that it keeps working between the
 * runs that take minutes: every step runs against bin/kakapo-dhcp4, and what is counted adds up.
 * No timing is checked.
 */
class MillionLeasesIT {

    private static final int LEASES = 2_500;

    @Test
    void everyStepRunsAndEveryLeaseIsPagedThroughAndSynced(@TempDir Path dir) throws Exception {
        String jvmOptions = System.getProperty("kakapo.jvm.options");
        assumeTrue(jvmOptions != null, "run through Maven, which passes jvm.options");
        Path root = Path.of(jvmOptions).getParent();
        assumeTrue(Files.isExecutable(root.resolve("bin/kakapo-dhcp4")), "needs the project's launcher");
        MillionLeases run = new MillionLeases(root, dir, LEASES);
        String table;
        try {
            table = run.measure();
        } finally {
            run.stopAll();
        }
        assertEquals(table, Files.readString(dir.resolve("scale.md")));
        assertEquals(2 + 6, table.lines().count(), table);
        assertTrue(table.contains("| Kea memfile CSV written | 2,500 leases, "), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| start-up to first answer, reopening its own lease file (median of 3) | ")
                && l.matches(".*\\| [0-9.]+, [0-9.]+, [0-9.]+ s \\| [0-9.]+ \\|")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\| resident memory after start-up \\| [1-9][0-9]* MB \\|  \\|")), table);
        assertTrue(table.contains("(pages of 1,000) | 2,500 leases |"), "every lease paged through:\n" + table);
        assertTrue(table.contains("| 2,500 leases on the standby |"), "every lease synced:\n" + table);
    }
}
