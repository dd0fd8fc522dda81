package dev.kakapo.server.hafaults;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

/**
 * The seed's hub and spoke in its smallest form ({@link HaLab#hubAndSpoke}: a hub that is the
 * standby of one branch and the primary of another) under 200 new clients a second, half in
 * each branch's subnet, through the hub's faults: killed, stopped shorter and longer than the
 * failover, cut off from both branches, and stopped while one of its branches is down. In each
 * relationship no address is given to two clients and no acknowledged lease is lost, and all
 * three servers are back in hot-standby after the heal.
 */
class HubAndSpokeFaultsIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, mode = EnumSource.Mode.MATCH_ALL, names = "HUB_.*")
    void bothInvariantsHoldInEachRelationshipThroughTheFault(Fault fault) throws Exception {
        FaultSuite.runHubAndSpoke(dir, fault);
    }
}
