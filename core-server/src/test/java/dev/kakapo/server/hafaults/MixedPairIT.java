package dev.kakapo.server.hafaults;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Kakapo primary with Debian's Kea 2.2 as its hot-standby partner. Kea's {@code lease4-update}
 * overwrites whatever lease it holds, so a Kea standby that gave addresses to its own clients
 * while this server did not know (it went partner-down over a link cut one way, a heartbeat
 * before this server heard of it) would lose them to the new clients this server gives the same
 * addresses to. The leases Kea holds here are put there with {@code lease4-add}, which is what
 * such a Kea would hold and Kakapo would not.
 */
class MixedPairIT {

    private static final int HELD = 10;

    @TempDir
    Path dir;

    @Test
    void aKakapoPrimaryGivesNoNewClientAnAddressItsKeaPartnerHoldsForAnother() throws Exception {
        assertEquals(List.of(), heldAddressesAcknowledged(HaLab.Software.KAKAPO),
                "addresses the Kea partner holds for other clients, acknowledged");
    }

    /** The yardstick: a Kea 2.2 primary in the same place gives every one of them away. */
    @Test
    void aKeaPrimaryGivesThemAway() throws Exception {
        assertEquals(HELD, heldAddressesAcknowledged(HaLab.Software.KEA).stream().map(a -> a.split(" ")[0]).distinct().count());
    }

    /**
     * Runs 75 new clients against a primary of {@code primary}'s software whose Kea standby holds
     * the first ten addresses of the pool for other clients; returns those acknowledged to them.
     */
    private List<String> heldAddressesAcknowledged(HaLab.Software primary) throws Exception {
        assumeTrue(HaLab.available(), "needs root, kea-dhcp4 with its HA library, iptables and libfaketime; .ci/run has them");
        try (HaLab lab = new HaLab(dir, "hot-standby", List.of(primary, HaLab.Software.KEA), List.of("primary", "standby"))) {
            lab.startAll();
            assertTrue(lab.await(lab::allNormal, 60), () -> "both in hot-standby: " + lab.states());
            HaLab.Node kea = lab.node(1);
            Map<String, String> keaClients = new HashMap<>();
            for (int i = 0; i < HELD; i++) {
                String address = "10.0.0." + (10 + i);
                String mac = String.format("02:99:00:00:00:%02x", i);
                JsonNode added = kea.command("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"" + address
                        + "\", \"hw-address\": \"" + mac + "\", \"subnet-id\": 1, \"valid-lft\": 3600}}");
                assertEquals(0, added.path("result").asInt(), added.toString());
                keaClients.put(address, mac);
            }

            // The first free addresses in the primary's view are the ones Kea holds: the iterative
            // allocator offers them first.
            Path ledgerFile = dir.resolve("ledger.tsv");
            Process clients = lab.clients(lab.relationships().get(0), ledgerFile, 5, 15, "02:42");
            assertTrue(clients.waitFor(60, TimeUnit.SECONDS), "the clients ended");
            List<Ledger.Answer> acks = Ledger.read(ledgerFile).answers().stream().filter(Ledger.Answer::ack).toList();
            assertTrue(acks.size() >= 40, "most of the 75 clients bound: " + acks.size());
            if (primary == HaLab.Software.KAKAPO) {
                Map<String, String> heldByKea = new HashMap<>();
                for (InvariantCheck.ServerLease lease : kea.leases()) {
                    heldByKea.put(lease.address(), lease.mac());
                }
                keaClients.forEach((address, mac) -> assertEquals(mac, heldByKea.get(address), "Kea still leases " + address
                        + " to its own client"));
            }
            return acks.stream().filter(a -> keaClients.containsKey(a.address())).map(a -> a.address() + " to " + a.mac()).toList();
        }
    }
}
