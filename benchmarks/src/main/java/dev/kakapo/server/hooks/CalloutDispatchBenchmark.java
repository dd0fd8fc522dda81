package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.ClientPacketContext;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.benchmarks.KakapoBenchmark;
import dev.kakapo.server.stats.Statistics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The dispatch itself: running the callouts registered at {@code pkt4_receive} on one query's
 * context, with 0, 1 or 3 callouts that each read the query and return CONTINUE. What the server
 * adds to a callout's own work at each hook point; {@code CalloutBenchmark} shows the same on a
 * whole exchange. It lives in the server's hooks package to build the callout table directly.
 */
@State(Scope.Thread)
public class CalloutDispatchBenchmark extends KakapoBenchmark {

    /** Callouts at the point. */
    @Param({"0", "1", "3"})
    public int callouts;

    private Callouts table;
    private ClientPacketContext context;
    private Blackhole sink;
    /** Callouts run so far: read by tests. */
    long calls;

    /** The callout table and a DISCOVER's context. */
    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        Callouts.Builder builder = new Callouts.Builder();
        for (int i = 0; i < callouts; i++) {
            builder.add(HookPoint.PKT4_RECEIVE, (ClientPacketContext c) -> {
                calls++;
                sink.consume(c.query().xid());
                return NextStep.CONTINUE;
            }, "benchmark");
        }
        table = builder.build(new Statistics().get("hooks-callout-failures"));
        DhcpPacket query = new DhcpPacket().xid(7).hardwareAddress(HardwareAddress.parse("02:00:00:00:00:07"))
                .messageType(MessageType.DISCOVER);
        context = new QueryView(query, Ipv4Address.parse("127.0.0.250"), "lo");
    }

    /** Asks whether anyone listens and, if so, runs them, as the packet path does. */
    @Benchmark
    public NextStep dispatch() {
        return table.has(HookPoint.PKT4_RECEIVE) ? table.run(HookPoint.PKT4_RECEIVE, context) : NextStep.CONTINUE;
    }
}
