package dev.kakapo.server.hafaults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One fault of the suite against a relationship of the mode and roles given, the servers'
 * software from {@code -Dkakapo.hafaults.software} (default all Kakapo), faults chosen with
 * {@code -Dkakapo.hafaults.only}. Only an all-Kakapo relationship is held to the invariants: the
 * others are measured (docs/ha-faults.md).
 */
final class FaultSuite {

    private FaultSuite() {
    }

    static void run(Path dir, String mode, List<String> roles, Fault fault) throws Exception {
        assumeSelected(fault);
        List<HaLab.Software> software = new ArrayList<>();
        for (String name : System.getProperty("kakapo.hafaults.software", "kakapo,kakapo").split(",")) {
            software.add(HaLab.Software.valueOf(name.trim().toUpperCase()));
        }
        String name = String.join("+", software.stream().map(s -> s.name().toLowerCase()).toList()) + " " + mode;
        try (HaLab lab = new HaLab(dir, mode, software, roles)) {
            runIn(lab, name, fault, dir);
        }
    }

    /** One of the HUB_ faults against the hub and spoke lab (Kakapo only: Kea 2.2 has no hub and spoke). */
    static void runHubAndSpoke(Path dir, Fault fault) throws Exception {
        assumeSelected(fault);
        try (HaLab lab = HaLab.hubAndSpoke(dir)) {
            runIn(lab, "kakapo hub-and-spoke", fault, dir);
        }
    }

    /** Skips the fault where the machine lacks what the labs need, or -Dkakapo.hafaults.only leaves it out. */
    private static void assumeSelected(Fault fault) {
        assumeTrue(HaLab.available(), "needs root, kea-dhcp4 with its HA library, iptables and libfaketime; .ci/run has them");
        String only = System.getProperty("kakapo.hafaults.only", "");
        assumeTrue(only.isEmpty() || List.of(only.split(",")).contains(fault.name()), "not among kakapo.hafaults.only");
    }

    private static void runIn(HaLab lab, String name, Fault fault, Path dir) throws Exception {
        FaultRun.Result result = FaultRun.run(lab, name, fault, dir);
        System.out.println("HA FAULT RESULT " + result.summary());
        List<HaLab.Software> software = lab.nodes().stream().map(n -> n.software).toList();
        if (software.contains(HaLab.Software.KAKAPO) && software.contains(HaLab.Software.KEA)) {
            // A mixed pair: Kakapo must not be the one that gives a held address to a second client.
            for (HaLab.Node node : lab.nodes()) {
                if (node.software == HaLab.Software.KAKAPO) {
                    long given = result.report().duplicateAddressesGivenBy(node.address());
                    System.out.println("HA FAULT RESULT " + name + " / " + fault + ": Kakapo (" + node.name + ") gave "
                            + given + " held addresses to a second client");
                }
            }
        }
        if (software.stream().allMatch(s -> s == HaLab.Software.KAKAPO)) {
            assertTrue(result.report().clean() && result.settled(), () -> {
                try {
                    return result.summary() + "\n" + FaultRun.logs(lab);
                } catch (IOException e) {
                    return result.summary();
                }
            });
        }
    }
}
