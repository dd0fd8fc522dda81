package dev.kakapo.server.it;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import dev.kakapo.server.lease.LeaseStores;
import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.Netns;
import dev.kakapo.server.testing.Perfdhcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * perfdhcp (Kea's load generator, acting as a relay from 127.0.0.250) against bin/kakapo-dhcp4
 * on 127.0.0.1, both in a namespace of the test's own: every exchange completes, and every
 * lease perfdhcp was acknowledged is in the lease store with the client's hardware address.
 */
class PerfdhcpIT {

    @TempDir
    Path dir;
    private Netns ns;

    static String config(Path leases) {
        return "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/127.0.0.1\"]},"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \"" + leases + "\"},"
                + "\"valid-lifetime\": 3600, \"renew-timer\": 900, \"rebind-timer\": 1800,"
                + "\"multi-threading\": {\"enable-multi-threading\": true, \"thread-pool-size\": 2, \"packet-queue-size\": 256},"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/16\", \"pools\": [{\"pool\": \"10.0.0.10-10.0.255.200\"}],"
                + "  \"relay\": {\"ip-addresses\": [\"127.0.0.250\"]},"
                + "  \"option-data\": [{\"name\": \"routers\", \"data\": \"10.0.0.1\"}]}]}}";
    }

    /** A namespace with the relay's address on its loopback. */
    static Netns perfNamespace() throws Exception {
        Netns ns = Netns.create("perf");
        ns.exec("ip", "addr", "add", "127.0.0.250/8", "dev", "lo");
        return ns;
    }

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("perfdhcp") && KakapoProcess.projectRoot() != null,
                "needs root, perfdhcp (kea-admin) and Maven's jvm.options; .ci/run provides them");
        ns = perfNamespace();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void everyAcknowledgedLeaseIsStoredWithItsClient() throws Exception {
        Path leases = dir.resolve("leases4.csv");
        Path config = dir.resolve("kakapo.json");
        Files.writeString(config, config(leases));
        Perfdhcp run;
        try (KakapoProcess server = KakapoProcess.start(ns, config, dir.resolve("server.log"))) {
            run = new Perfdhcp(ns.run(60, "perfdhcp", "-4", "-l", "127.0.0.250", "-r", "500", "-n", "3000",
                    "-R", "100000", "-W", "2000000", "-x", "l", "127.0.0.1").output());
            assertEquals(0, server.stop(), server.log());
        }
        assertEquals(3000, run.discoverSent, run.output);
        assertEquals(3000, run.offerReceived, "no OFFER lost:\n" + run.output);
        assertEquals(3000, run.ackReceived, "no ACK lost:\n" + run.output);
        Set<Perfdhcp.Lease> acknowledged = run.acknowledged();
        assertEquals(run.ackReceived, acknowledged.size(), "one lease per acknowledged client");
        Set<String> addresses = new HashSet<>();
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(LeaseStores.storeDirectory(leases), 10_000, 0)) {
            for (Perfdhcp.Lease acked : acknowledged) {
                assertTrue(addresses.add(acked.address()), "no address acknowledged to two clients: " + acked);
                Lease4 stored = store.get(Ipv4Address.parse(acked.address())).orElseThrow(() -> new AssertionError("missing " + acked));
                assertEquals(HardwareAddress.parse(acked.mac()), stored.hwAddress(), acked.toString());
            }
        }
    }
}
