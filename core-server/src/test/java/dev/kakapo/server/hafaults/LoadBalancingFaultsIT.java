package dev.kakapo.server.hafaults;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

/**
 * A load-balancing pair (both serving, each its half of the clients) under 200 new clients a
 * second through every fault of {@link Fault} but the hub's ("standby" there is the secondary): no address is
 * given to two clients, no acknowledged lease is lost, both back in load-balancing after the heal.
 */
class LoadBalancingFaultsIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, mode = EnumSource.Mode.MATCH_NONE, names = "HUB_.*")
    void bothInvariantsHoldThroughTheFault(Fault fault) throws Exception {
        FaultSuite.run(dir, "load-balancing", List.of("primary", "secondary"), fault);
    }
}
