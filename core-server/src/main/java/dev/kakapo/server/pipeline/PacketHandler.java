package dev.kakapo.server.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpEncodeException;
import dev.kakapo.server.dhcp.QueryHandler;
import dev.kakapo.server.dhcp.Reply;
import dev.kakapo.server.stats.PacketStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The consumer of one shard's ring: decodes, processes and answers the packets of its share of the clients. */
final class PacketHandler implements EventHandler<PacketEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PacketHandler.class);

    private final QueryHandler processor;
    private final PacketStatistics packets;
    private final byte[] out = new byte[PacketEvent.CAPACITY];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);

    PacketHandler(QueryHandler processor) {
        this.processor = processor;
        this.packets = processor.packetStatistics();
    }

    @Override
    public void onEvent(PacketEvent event, long sequence, boolean endOfBatch) {
        try {
            handle(event);
        } finally {
            event.clear();
        }
    }

    private void handle(PacketEvent event) {
        DecodeResult decoded = DhcpCodec.decode(event.data, 0, event.length);
        if (!decoded.isSuccess()) {
            packets.received.increment();
            packets.parseFailed.increment();
            packets.dropped.increment();
            LOG.debug("DHCP4_PACKET_PARSE_FAIL from {}: {}", Ipv4Address.of(event.sourceAddress), decoded.reason());
            return;
        }
        Reply reply = processor.process(decoded.packet(),
                event.listener.inbound(Ipv4Address.of(event.sourceAddress), event.sourcePort));
        if (reply == null) {
            return;
        }
        // The client's maximum message size (option 57), never below what every client accepts.
        int limit = Math.max(decoded.packet().maxMessageSize().orElse(0), DhcpCodec.MIN_MAX_MESSAGE_SIZE);
        int length;
        try {
            length = DhcpCodec.encode(reply.packet(), out, 0, Math.min(limit, out.length));
        } catch (DhcpEncodeException e) {
            packets.dropped.increment();
            LOG.warn("DHCP4_PACKET_PACK_FAIL the reply to xid 0x{} does not fit: {}", Integer.toHexString(reply.packet().xid()), e.getMessage());
            return;
        }
        outBuffer.clear().limit(length);
        try {
            event.listener.send(outBuffer, reply.destination(), reply.port());
            packets.countSent(reply.packet().messageType().orElse(null));
        } catch (IOException e) {
            LOG.warn("DHCP4_PACKET_SEND_FAIL to {}:{} via {}: {}", reply.destination(), reply.port(), event.listener, e.getMessage());
        }
    }
}
