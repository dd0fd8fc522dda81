package dev.kakapo.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.config.MultiThreadingConfig;
import dev.kakapo.server.dhcp.QueryHandler;
import dev.kakapo.server.net.Listener;
import dev.kakapo.server.stats.PacketStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Disruptor pipeline of the design card. One receiving thread per socket copies each datagram
 * into a ring slot (nothing allocated per packet but the sender's address the JDK hands back);
 * the ring has {@code packet-queue-size} slots rounded up to a power of two; {@code thread-pool-size}
 * handlers (0 = one per core, 1 when multi-threading is off) each process the clients hashed to it.
 * When the ring is full the new packet is dropped and counted ({@code pkt4-receive-drop}); Kea
 * drops the oldest instead.
 */
public final class PacketPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacketPipeline.class);

    private static final EventTranslatorThreeArg<PacketEvent, ByteBuffer, Listener, InetSocketAddress> TRANSLATOR =
            (event, sequence, buffer, listener, source) -> {
                int length = Math.min(buffer.remaining(), PacketEvent.CAPACITY);
                buffer.get(event.data, 0, length);
                event.length = length;
                event.listener = listener;
                event.sourceAddress = Ipv4Address.toBits(source.getAddress().getAddress(), 0);
                event.sourcePort = source.getPort();
                event.shard = ClientShard.of(event.data, length, event.handlers);
            };

    private final Disruptor<PacketEvent> disruptor;
    private final RingBuffer<PacketEvent> ring;
    private final List<Listener> listeners;
    private final List<Thread> receivers = new ArrayList<>();
    private final PacketStatistics packets;

    /**
     * Builds and starts the pipeline over open sockets.
     *
     * @param listeners the sockets; closed by {@link #close()}
     * @param threading the {@code multi-threading} section
     * @param processor what handles each packet
     */
    public PacketPipeline(List<Listener> listeners, MultiThreadingConfig threading, QueryHandler processor) {
        this.listeners = List.copyOf(listeners);
        this.packets = processor.packetStatistics();
        int handlerCount = !threading.enabled() ? 1
                : threading.threadPoolSize() > 0 ? threading.threadPoolSize() : Runtime.getRuntime().availableProcessors();
        int ringSize = ringSize(threading.packetQueueSize());
        this.disruptor = new Disruptor<>(() -> new PacketEvent(handlerCount), ringSize, threads("kakapo-worker"), ProducerType.MULTI,
                new BlockingWaitStrategy());
        PacketHandler[] handlerArray = new PacketHandler[handlerCount];
        for (int i = 0; i < handlerCount; i++) {
            handlerArray[i] = new PacketHandler(i, processor);
        }
        disruptor.handleEventsWith(handlerArray);
        disruptor.setDefaultExceptionHandler(new PipelineExceptionHandler(packets.dropped));
        this.ring = disruptor.start();
        for (Listener listener : this.listeners) {
            Thread receiver = new Thread(() -> receive(listener), "kakapo-recv-" + listener.interfaceName());
            receiver.setDaemon(true);
            receivers.add(receiver);
            receiver.start();
        }
        LOG.info("DHCP4_PIPELINE_STARTED {} handlers, ring of {} slots, sockets {}", handlerCount, ringSize, this.listeners);
    }

    /** {@code packet-queue-size} rounded up to a power of two, at least 2. */
    static int ringSize(int packetQueueSize) {
        int size = Math.max(packetQueueSize, 2);
        return Integer.highestOneBit(size - 1) << 1;
    }

    private void receive(Listener listener) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(PacketEvent.CAPACITY);
        while (true) {
            try {
                buffer.clear();
                InetSocketAddress source = (InetSocketAddress) listener.channel().receive(buffer);
                if (source == null) {
                    continue;
                }
                buffer.flip();
                if (!ring.tryPublishEvent(TRANSLATOR, buffer, listener, source)) {
                    packets.received.increment();
                    packets.dropped.increment();
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!listener.channel().isOpen()) {
                    return;
                }
                LOG.warn("DHCP4_PACKET_RECEIVE_FAIL on {}: {}", listener, e.toString());
            }
        }
    }

    /** Stops receiving, lets the handlers finish what is in the ring (up to 5 s), and stops them. */
    @Override
    public void close() {
        for (Listener listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                LOG.warn("DHCP4_SOCKET_CLOSE_FAIL {}: {}", listener, e.toString());
            }
        }
        for (Thread receiver : receivers) {
            try {
                receiver.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            disruptor.shutdown(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            disruptor.halt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
