package dev.kakapo.server.pipeline;

import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpEncodeException;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.server.dhcp.Inbound;
import dev.kakapo.server.dhcp.NetworkState;
import dev.kakapo.server.dhcp.QueryHandler;
import dev.kakapo.server.dhcp.Reply;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.Outgoing;
import dev.kakapo.server.hooks.ReceivedBuffer;
import dev.kakapo.server.hooks.SentBuffer;
import dev.kakapo.server.net.ReplyTransport;
import dev.kakapo.server.stats.PacketStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The way of one datagram through a configuration: {@code buffer4_receive}, decoding, the
 * processor, and the answer's way out ({@code pkt4_send}, encoding, {@code buffer4_send},
 * sending). An answer parked by {@code leases4_committed} callouts takes the way out later, on
 * the thread that resumes it. Without callouts nothing here allocates beyond what decoding and
 * processing do.
 */
public final class PacketFlow {

    private static final Logger LOG = LoggerFactory.getLogger(PacketFlow.class);
    /** The size of the encode buffer a caller hands to {@link #handle}: the largest datagram served. */
    public static final int BUFFER_SIZE = PacketEvent.CAPACITY;

    private final QueryHandler processor;
    private final Callouts callouts;
    private final PacketStatistics packets;
    private final NetworkState networkState;

    /**
     * A flow through {@code processor}, with the configuration's {@code callouts}; nothing is
     * served while {@code networkState} says the service is disabled.
     */
    public PacketFlow(QueryHandler processor, Callouts callouts, NetworkState networkState) {
        this.processor = processor;
        this.callouts = callouts;
        this.packets = processor.packetStatistics();
        this.networkState = networkState;
    }

    /** The packet counters. */
    public PacketStatistics packetStatistics() {
        return packets;
    }

    /**
     * Handles the first {@code length} bytes of {@code data}, which arrived as {@code inbound}
     * says; the answer, if any, leaves through {@code transport}.
     *
     * @param scratch a buffer of {@link #BUFFER_SIZE} bytes owned by the calling thread, for encoding
     */
    public void handle(byte[] data, int length, Inbound inbound, ReplyTransport transport, byte[] scratch) {
        if (!networkState.admit()) {
            packets.received.increment();
            packets.dropped.increment();
            return;
        }
        Reply reply;
        DhcpPacket query;
        try {
            query = receive(data, length, inbound);
            if (query == null) {
                return;
            }
            reply = processor.process(query, inbound);
        } finally {
            networkState.handled();
        }
        if (reply == null) {
            return;
        }
        if (reply.parking() != null) {
            reply.parking().park(() -> answer(query, inbound, reply, transport, new byte[PacketEvent.CAPACITY]));
            return;
        }
        answer(query, inbound, reply, transport, scratch);
    }

    private DhcpPacket receive(byte[] data, int length, Inbound inbound) {
        byte[] bytes = data;
        int size = length;
        if (callouts.has(HookPoint.BUFFER4_RECEIVE)) {
            ReceivedBuffer context = new ReceivedBuffer(data, length, inbound.sourceAddress(), inbound.interfaceName());
            NextStep step = callouts.run(HookPoint.BUFFER4_RECEIVE, context);
            if (step == NextStep.DROP || step == NextStep.SKIP && context.decoded() == null) {
                packets.received.increment();
                packets.dropped.increment();
                return null;
            }
            if (step == NextStep.SKIP) {
                return context.decoded();
            }
            bytes = context.bytes();
            size = bytes.length;
        }
        DecodeResult decoded = DhcpCodec.decode(bytes, 0, size);
        if (!decoded.isSuccess()) {
            packets.received.increment();
            packets.parseFailed.increment();
            packets.dropped.increment();
            LOG.debug("DHCP4_PACKET_PARSE_FAIL from {}: {}", inbound.sourceAddress(), decoded.reason());
            return null;
        }
        return decoded.packet();
    }

    private void answer(DhcpPacket query, Inbound inbound, Reply reply, ReplyTransport transport, byte[] scratch) {
        if (callouts.has(HookPoint.PKT4_SEND)) {
            NextStep step = callouts.run(HookPoint.PKT4_SEND,
                    new Outgoing(query, inbound.sourceAddress(), inbound.interfaceName(), reply.packet()));
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                return;
            }
        }
        // The client's maximum message size (option 57), never below what every client accepts.
        int limit = Math.max(query.maxMessageSize().orElse(0), DhcpCodec.MIN_MAX_MESSAGE_SIZE);
        int length;
        try {
            length = DhcpCodec.encode(reply.packet(), scratch, 0, Math.min(limit, scratch.length));
        } catch (DhcpEncodeException e) {
            packets.dropped.increment();
            LOG.warn("DHCP4_PACKET_PACK_FAIL the reply to xid 0x{} does not fit: {}", Integer.toHexString(reply.packet().xid()),
                    e.getMessage());
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(scratch, 0, length);
        if (callouts.has(HookPoint.BUFFER4_SEND)) {
            SentBuffer context = new SentBuffer(scratch, length, reply.destination());
            NextStep step = callouts.run(HookPoint.BUFFER4_SEND, context);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                return;
            }
            out = ByteBuffer.wrap(context.bytes());
        }
        try {
            transport.send(out, reply.destination(), reply.port());
            packets.countSent(reply.packet().messageType().orElse(null));
        } catch (IOException | RuntimeException e) {
            LOG.warn("DHCP4_PACKET_SEND_FAIL to {}:{} via {}: {}", reply.destination(), reply.port(), transport, e.toString());
        }
    }
}
