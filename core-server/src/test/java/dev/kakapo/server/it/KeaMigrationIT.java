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
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An operator replaces Kea by Kakapo on the same host: real Kea 2.2 hands out leases to perfdhcp
 * and writes its memfile; Kakapo, started with the same lease-database name, imports every lease,
 * leaves Kea's file as it was, and Kea's clients renew their addresses with it.
 */
class KeaMigrationIT {

    @TempDir
    Path dir;
    private Netns ns;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("perfdhcp") && Commands.onPath("kea-dhcp4")
                && KakapoProcess.projectRoot() != null, "needs root, kea-dhcp4 and perfdhcp; .ci/run provides them");
        ns = PerfdhcpIT.perfNamespace();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void importsEveryLeaseOfKeasMemfile() throws Exception {
        Path csv = dir.resolve("kea-leases4.csv");
        String config = PerfdhcpIT.config(csv).replace("\"interfaces\": [\"lo/127.0.0.1\"]",
                "\"interfaces\": [\"lo/127.0.0.1\"], \"dhcp-socket-type\": \"udp\"")
                .replace("\"multi-threading\": {", "\"loggers\": [{\"name\": \"kea-dhcp4\", \"severity\": \"INFO\","
                        + " \"output_options\": [{\"output\": \"stdout\"}]}], \"multi-threading\": {");
        Path configFile = dir.resolve("kea.json");
        Files.writeString(configFile, config);

        Process kea = ns.spawn(dir.resolve("kea.out"), "env", "KEA_PIDFILE_DIR=" + dir, "KEA_LOCKFILE_DIR=" + dir,
                "kea-dhcp4", "-c", configFile.toString());
        Thread.sleep(1500);
        Perfdhcp run = new Perfdhcp(ns.run(60, "perfdhcp", "-4", "-l", "127.0.0.250", "-r", "200", "-n", "500",
                "-R", "100000", "-W", "2000000", "-x", "l", "127.0.0.1").output());
        kea.destroy();
        assertTrue(kea.waitFor(20, TimeUnit.SECONDS), "Kea stops");
        assertTrue(run.ackReceived > 450, "Kea answered:\n" + run.output);

        Map<String, String> keaLeases = new HashMap<>();
        List<String> rows = Files.readAllLines(csv);
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.split(",", -1);
            if (!fields[3].equals("0")) {
                keaLeases.put(fields[0], fields[1]);
            } else {
                keaLeases.remove(fields[0]);
            }
        }
        assertTrue(keaLeases.size() >= run.acknowledged().size(), keaLeases.size() + " leases in Kea's file");
        byte[] digest = sha256(csv);

        try (KakapoProcess kakapo = KakapoProcess.start(ns, configFile, dir.resolve("kakapo.log"))) {
            assertTrue(kakapo.log().contains("LEASE_STORE_IMPORTED " + keaLeases.size() + " leases"), kakapo.log());
            Perfdhcp.Lease client = run.acknowledged().iterator().next();
            assertEquals("ACK " + client.address(), ns.run(60, RelayProbe.command("127.0.0.250", "127.0.0.1", client.mac(),
                    client.clientId(), client.address())).output().trim(), "Kea's client renews with Kakapo");
            assertEquals(0, kakapo.stop(), kakapo.log());
        }
        assertArrayEquals(digest, sha256(csv), "Kea's lease file is left as it was");
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(LeaseStores.storeDirectory(csv), 10_000, 0)) {
            for (Map.Entry<String, String> lease : keaLeases.entrySet()) {
                Lease4 stored = store.get(Ipv4Address.parse(lease.getKey()))
                        .orElseThrow(() -> new AssertionError("not imported: " + lease));
                assertEquals(HardwareAddress.parse(lease.getValue()), stored.hwAddress());
            }
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
