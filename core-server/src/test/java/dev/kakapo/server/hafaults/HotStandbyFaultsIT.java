package dev.kakapo.server.hafaults;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

/**
 * A hot-standby pair under 200 new clients a second through every fault of {@link Fault} but the hub's: no
 * address is given to two clients, no acknowledged lease is lost, and both servers are back in
 * hot-standby after the heal. {@code -Dkakapo.hafaults.software=kea,kea} (or {@code kakapo,kea},
 * {@code kea,kakapo}) runs the same faults against Debian's Kea 2.2 or a mixed pair.
 */
class HotStandbyFaultsIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, mode = EnumSource.Mode.MATCH_NONE, names = "HUB_.*")
    void bothInvariantsHoldThroughTheFault(Fault fault) throws Exception {
        FaultSuite.run(dir, "hot-standby", List.of("primary", "standby"), fault);
    }
}
