package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.benchmarks.KakapoBenchmark;
import dev.kakapo.server.Dhcp4Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * HA lease updates on the wire, per lease: the request body a server writes for its partner
 * (Kea's one {@code lease4-update} per lease, and Kakapo's {@code lease4-bulk-apply} of
 * {@value #BULK} leases, as group commit sends them under load), and the partner reading it and
 * applying it to its lease store (JSON parsing, Kea's lease checks, the store write). No
 * sockets: what the HTTP exchange costs comes on top. It lives in the HA library's package to
 * use its encoder.
 */
@State(Scope.Thread)
public class HaLeaseUpdateBenchmark extends KakapoBenchmark {

    /** Leases per bulk request. */
    static final int BULK = 64;
    private static final int ADDRESSES = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dhcp4Server partner;
    private final List<Lease4> leases = new ArrayList<>();
    private final List<String> updateBodies = new ArrayList<>();
    private final List<String> bulkBodies = new ArrayList<>();
    private int next;

    /** The partner in process with the lease commands, and the bodies it will be sent. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        partner = Dhcp4Server.builder().withoutSockets().configText("""
                {"Dhcp4": {"valid-lifetime": 3600, "lease-database": {"type": "memfile", "persist": false},
                  "hooks-libraries": [{"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"}],
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.255.255.200"}]}]}}
                """).start();
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < ADDRESSES; i++) {
            byte[] mac = {2, 0, 0, 0, (byte) (i >>> 8), (byte) i};
            byte[] clientId = {1, 2, 0, 0, 0, (byte) (i >>> 8), (byte) i};
            leases.add(new Lease4(Ipv4Address.parse("10.1.0.0").plus(i), HardwareAddress.of(1, mac), clientId, 3600, now, 1,
                    false, false, "", LeaseState.DEFAULT, null, 0));
        }
        for (int i = 0; i < 1024; i++) {
            updateBodies.add(PeerClient.body("lease4-update", LeaseElements.update(leases.get(i))));
        }
        for (int i = 0; i < ADDRESSES / BULK; i++) {
            bulkBodies.add(PeerClient.body("lease4-bulk-apply",
                    LeaseUpdateBatcher.arguments(List.of(), leases.subList(i * BULK, (i + 1) * BULK))));
        }
    }

    /** Stops the partner. */
    @TearDown(Level.Trial)
    public void tearDown() {
        partner.close();
    }

    /** The body of one lease4-update, as a Kea partner gets it. */
    @Benchmark
    public String encodeUpdate() {
        return PeerClient.body("lease4-update", LeaseElements.update(leases.get(next++ & (ADDRESSES - 1))));
    }

    /** The body of a lease4-bulk-apply, per lease. */
    @Benchmark
    @OperationsPerInvocation(BULK)
    public String encodeBulk() {
        int from = (next++ * BULK) & (ADDRESSES - 1);
        return PeerClient.body("lease4-bulk-apply", LeaseUpdateBatcher.arguments(List.of(), leases.subList(from, from + BULK)));
    }

    /** The partner reading one lease4-update and writing the lease. */
    @Benchmark
    public CommandAnswer applyUpdate() throws IOException {
        return apply(updateBodies.get(next++ & 1023));
    }

    /** The partner reading a lease4-bulk-apply and writing its leases, per lease. */
    @Benchmark
    @OperationsPerInvocation(BULK)
    public CommandAnswer applyBulk() throws IOException {
        return apply(bulkBodies.get(next++ % bulkBodies.size()));
    }

    private CommandAnswer apply(String body) throws IOException {
        JsonNode request = JSON.readTree(body);
        return partner.execute(new CommandRequest(request.get("command").asText(), request.get("arguments")));
    }
}
