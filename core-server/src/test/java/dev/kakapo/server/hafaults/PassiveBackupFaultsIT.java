package dev.kakapo.server.hafaults;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

/**
 * A passive-backup relationship (the primary serves alone; its backup gets every lease without
 * the answers waiting for it, Kea's default) through the faults that concern it: the backup
 * killed, stopped or cut off must hold every acknowledged lease once it is back, and nothing is
 * given twice. The primary killed or stopped simply leaves the clients unanswered meanwhile, as
 * passive-backup has no failover.
 */
class PassiveBackupFaultsIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, names = {"KILL_PRIMARY", "KILL_STANDBY", "STOP_PRIMARY_LONG", "STOP_STANDBY_LONG",
            "CUT_LONG", "CUT_PRIMARY_TO_STANDBY", "LOSSY_LINK"})
    void bothInvariantsHoldThroughTheFault(Fault fault) throws Exception {
        FaultSuite.run(dir, "passive-backup", List.of("primary", "backup"), fault);
    }
}
