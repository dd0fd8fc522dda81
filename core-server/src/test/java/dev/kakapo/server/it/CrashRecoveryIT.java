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
import dev.kakapo.server.testing.RelayProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kill -9 of the server in the middle of a perfdhcp run, then a restart on the same lease file:
 * every lease perfdhcp was acknowledged before the crash is still there, and a client renewing
 * after the restart keeps its address.
 */
class CrashRecoveryIT {

    @TempDir
    Path dir;
    private Netns ns;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("perfdhcp") && KakapoProcess.projectRoot() != null,
                "needs root, perfdhcp (kea-admin) and Maven's jvm.options; .ci/run provides them");
        ns = PerfdhcpIT.perfNamespace();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void noAcknowledgedLeaseIsLostAndRenewingClientsKeepTheirAddresses() throws Exception {
        Path leases = dir.resolve("leases4.csv");
        Path config = dir.resolve("kakapo.json");
        Files.writeString(config, PerfdhcpIT.config(leases));

        KakapoProcess server = KakapoProcess.start(ns, config, dir.resolve("server-1.log"));
        Path perfLog = dir.resolve("perfdhcp.log");
        Process perfdhcp = ns.spawn(perfLog, "perfdhcp", "-4", "-l", "127.0.0.250", "-r", "400", "-n", "4000",
                "-R", "100000", "-W", "1000000", "-x", "l", "127.0.0.1");
        Thread.sleep(3000);
        server.kill();
        assertTrue(perfdhcp.waitFor(60, TimeUnit.SECONDS), "perfdhcp finishes");
        Perfdhcp run = new Perfdhcp(Files.readString(perfLog));
        Set<Perfdhcp.Lease> acknowledged = run.acknowledged();
        assertTrue(acknowledged.size() > 200 && run.ackReceived < 4000,
                "the crash came in the middle of the run: " + run.ackReceived + " acknowledged\n" + run.output);

        try (KakapoProcess restarted = KakapoProcess.start(ns, config, dir.resolve("server-2.log"))) {
            assertTrue(restarted.log().matches("(?s).*LEASE_STORE_OPENED .* [1-9][0-9]* journal records in 1 files.*"),
                    "the killed server's journal is replayed: " + restarted.log());
            List<Perfdhcp.Lease> sample = new ArrayList<>(acknowledged).subList(0, 20);
            for (Perfdhcp.Lease lease : sample) {
                String answer = ns.run(60, RelayProbe.command("127.0.0.250", "127.0.0.1", lease.mac(), lease.clientId(),
                        lease.address())).output().trim();
                assertEquals("ACK " + lease.address(), answer, "the renewing client " + lease + " keeps its address");
            }
            assertEquals(0, restarted.stop(), restarted.log());
        }
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(LeaseStores.storeDirectory(leases), 10_000, 0)) {
            for (Perfdhcp.Lease acked : acknowledged) {
                Lease4 stored = store.get(Ipv4Address.parse(acked.address()))
                        .orElseThrow(() -> new AssertionError("lost in the crash: " + acked));
                assertEquals(HardwareAddress.parse(acked.mac()), stored.hwAddress(), acked.toString());
            }
        }
    }
}
