package dev.kakapo.server.pipeline;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.net.Listener;
import dev.kakapo.server.net.ReplyTransport;
import dev.kakapo.server.stats.Statistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A packet handled on the thread that received it, when its shard's handler has nothing to do:
 * the hand-off through the ring costs a second thread wake-up per packet, about a third of what
 * an exchange costs the server at ordinary rates. Order per client is kept because the only
 * receiving thread is the only producer of the rings: with the shard's ring empty its handler
 * has finished every earlier packet of these clients, and gets no new one until this returns.
 * A failure is handled as the ring's handlers handle it: logged, counted, the packet dropped.
 */
final class InlineHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InlineHandler.class);

    private final Supplier<PacketFlow> flow;
    private final Statistic dropped;
    private final byte[] data = new byte[PacketEvent.CAPACITY];
    private final byte[] out = new byte[PacketEvent.CAPACITY];

    InlineHandler(Supplier<PacketFlow> flow, Statistic dropped) {
        this.flow = flow;
        this.dropped = dropped;
    }

    /**
     * Handles the datagram in {@code buffer} (position to limit) that came from
     * {@code sourceAddress}:{@code sourcePort} on {@code listener}; its reply leaves through {@code replies}.
     */
    void handle(ByteBuffer buffer, Listener listener, int sourceAddress, int sourcePort, ReplyTransport replies) {
        int length = Math.min(buffer.remaining(), data.length);
        buffer.get(data, 0, length);
        Ipv4Address source = Ipv4Address.of(sourceAddress);
        try {
            flow.get().handle(data, length, listener.inbound(source, sourcePort), replies, out);
        } catch (RuntimeException | LinkageError | AssertionError failure) {
            dropped.increment();
            LOG.error("DHCP4_PACKET_PROCESS_EXCEPTION packet from {}:{} dropped: {}", source, sourcePort, failure.toString(), failure);
        }
    }
}
