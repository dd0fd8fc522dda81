package dev.kakapo.server.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.kakapo.api.net.Ipv4Address;

import java.util.function.Supplier;

/**
 * The consumer of one shard's ring: hands each packet of its share of the clients to the flow
 * of the configuration being served when the packet's turn comes.
 */
final class PacketHandler implements EventHandler<PacketEvent> {

    private final Supplier<PacketFlow> flow;
    private final byte[] out = new byte[PacketEvent.CAPACITY];

    PacketHandler(Supplier<PacketFlow> flow) {
        this.flow = flow;
    }

    @Override
    public void onEvent(PacketEvent event, long sequence, boolean endOfBatch) {
        try {
            flow.get().handle(event.data, event.length,
                    event.listener.inbound(Ipv4Address.of(event.sourceAddress), event.sourcePort), event.listener, out);
        } finally {
            event.clear();
        }
    }
}
