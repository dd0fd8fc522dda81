package dev.kakapo.server.pipeline;

import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.config.MultiThreadingConfig;
import dev.kakapo.server.net.DatagramBatch;
import dev.kakapo.server.net.Listener;
import dev.kakapo.server.stats.PacketStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The way of a packet. One receiving thread per socket reads the datagrams waiting in it (up to
 * {@value #BATCH_SIZE} with one system call on Linux, see {@link DatagramBatch}), picks each one's
 * shard by a hash of the client (so one client's packets are always handled by one thread, in
 * order, with no locks), and copies it into a slot of that shard's Disruptor ring: nothing is
 * allocated per packet on the way in. Each of the {@code thread-pool-size}
 * shards (0 = one per core, 1 with multi-threading off) has its own ring and one handler. A ring
 * holds {@code packet-queue-size} packets rounded up to a power of two, but never fewer than
 * {@value #MIN_RING_SIZE}: a handler is tied to its clients, so it cannot borrow an idle thread as
 * Kea's shared queue does, and a few milliseconds of scheduling delay on a small machine would
 * overflow Kea-sized queues (the seed's 28) and drop packets under ordinary load. When a ring is
 * full the new packet is dropped and counted ({@code pkt4-receive-drop}); Kea drops the oldest.
 *
 * <p>One ring per shard rather than one ring read by every handler: with a shared ring each
 * handler must wake for every packet to skip the others' share, and a slot is freed only when the
 * slowest handler has passed it.
 *
 * <p>With one socket, a packet whose shard's ring is empty is handled on the receiving thread
 * itself ({@link InlineHandler}), which saves waking a second thread for each. Since that thread
 * is the rings' only producer and publishes only behind a packet already in a ring, with one
 * socket every packet is handled this way, whatever the load: the packets that queue, queue in
 * the socket, and the server uses one core for packets. Measured on two cores under a C load
 * generator, handing the packets that had queued in the socket to the rings instead halved the
 * rate (36,000 to 18,500 exchanges a second: the hand-off doubles the CPU per exchange, and the
 * second core was the generator's), so it is not done. With several sockets (a receiving thread
 * each) every packet goes through the rings, so that one client's packets never meet on two
 * threads.
 *
 * <p>The replies of packets handled on the receiving thread leave together once the datagrams
 * of one read are handled ({@code sendmmsg}): at most {@value #BATCH_SIZE} replies' handling later
 * than one by one, and only when that many queued in the socket, where saving a system call per
 * reply is what keeps the server ahead of the queue. A reply parked by a callout, and the replies
 * of the rings' handlers, leave at once from their own threads.
 */
public final class PacketPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacketPipeline.class);
    /** The smallest ring: about 100 ms of packets at 10,000 a second per handler. */
    static final int MIN_RING_SIZE = 1024;

    /** The most datagrams one receive takes from a socket (and the most replies one send gives it). */
    static final int BATCH_SIZE = 32;
    /**
     * The system property that switches batched socket calls off ({@code -Dkakapo.batched-io=false}):
     * then one datagram per system call, through the JDK's channel.
     */
    public static final String BATCHED_IO_PROPERTY = "kakapo.batched-io";

    private final List<Disruptor<PacketEvent>> shards = new ArrayList<>();
    private final List<RingBuffer<PacketEvent>> rings = new ArrayList<>();
    private final List<Listener> listeners;
    private final List<Thread> receivers = new ArrayList<>();
    private final PacketStatistics packets;
    private final QueueOccupancy occupancy = new QueueOccupancy();
    /** Handles packets of idle shards on the receiving thread; null with several sockets. */
    private final InlineHandler inline;
    private final boolean batchedIo;
    private volatile boolean closing;

    /**
     * Builds and starts the pipeline over open sockets.
     *
     * @param listeners the sockets; closed by {@link #close()}
     * @param threading the {@code multi-threading} section
     * @param packets   the packet counters
     * @param flow      the flow of the configuration being served, asked for each packet
     */
    public PacketPipeline(List<Listener> listeners, MultiThreadingConfig threading, PacketStatistics packets,
                          Supplier<PacketFlow> flow) {
        this(listeners, threading, packets, flow, listeners.size() == 1);
    }

    /** As above; {@code inlineWhenIdle} false sends every packet through the rings (for tests of the rings). */
    PacketPipeline(List<Listener> listeners, MultiThreadingConfig threading, PacketStatistics packets, Supplier<PacketFlow> flow,
                   boolean inlineWhenIdle) {
        if (inlineWhenIdle && listeners.size() != 1) {
            throw new IllegalArgumentException("packets are handled on the receiving thread only with one socket");
        }
        this.listeners = List.copyOf(listeners);
        this.packets = packets;
        this.batchedIo = !"false".equalsIgnoreCase(System.getProperty(BATCHED_IO_PROPERTY, "true"));
        int handlerCount = !threading.enabled() ? 1
                : threading.threadPoolSize() > 0 ? threading.threadPoolSize() : Runtime.getRuntime().availableProcessors();
        int ringSize = ringSize(threading.packetQueueSize());
        PipelineExceptionHandler failures = new PipelineExceptionHandler(packets.dropped);
        for (int i = 0; i < handlerCount; i++) {
            Disruptor<PacketEvent> shard = new Disruptor<>(PacketEvent::new, ringSize, threads("kakapo-worker-" + i),
                    ProducerType.MULTI, new LiteBlockingWaitStrategy());
            shard.handleEventsWith(new PacketHandler(flow));
            shard.setDefaultExceptionHandler(failures);
            rings.add(shard.start());
            shards.add(shard);
        }
        inline = inlineWhenIdle ? new InlineHandler(flow, packets.dropped) : null;
        for (Listener listener : this.listeners) {
            Thread receiver = new Thread(() -> receive(listener), "kakapo-recv-" + listener.interfaceName());
            receiver.setDaemon(true);
            receivers.add(receiver);
            receiver.start();
        }
        LOG.info("DHCP4_PIPELINE_STARTED {} handlers, each with a ring of {} slots, sockets {}{}", handlerCount, ringSize,
                this.listeners, inline != null ? "; packets of idle handlers handled on the receiving thread" : "");
    }

    /** {@code packet-queue-size} rounded up to a power of two, at least {@value #MIN_RING_SIZE}. */
    static int ringSize(int packetQueueSize) {
        int size = Math.max(packetQueueSize, MIN_RING_SIZE);
        return Integer.highestOneBit(size - 1) << 1;
    }

    private void receive(Listener listener) {
        DatagramBatch batch = listener.newBatch(batchedIo, BATCH_SIZE, PacketEvent.CAPACITY,
                (datagram, destination, port, reason) -> sendFailed(listener, datagram, destination, port, reason));
        while (!closing) {
            int count;
            try {
                count = batch.receive();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (closing || !listener.channel().isOpen()) {
                    return;
                }
                LOG.warn("DHCP4_PACKET_RECEIVE_FAIL on {}: {}", listener, e.toString());
                continue;
            }
            serve(batch, count, listener);
        }
    }

    /**
     * Handles the {@code count} datagrams of one read and sends the replies they queued. A
     * failure costs its packet (or, in the send, that read's replies), never the thread.
     */
    private void serve(DatagramBatch batch, int count, Listener listener) {
        int shardCount = rings.size();
        for (int i = 0; i < count; i++) {
            try {
                dispatch(batch, i, listener, shardCount);
            } catch (RuntimeException | LinkageError | AssertionError failure) {
                packets.dropped.increment();
                LOG.error("DHCP4_PACKET_PROCESS_EXCEPTION packet on {} dropped: {}", listener, failure.toString(), failure);
            }
        }
        try {
            batch.flush();
        } catch (RuntimeException | LinkageError failure) {
            LOG.warn("DHCP4_PACKET_SEND_FAIL the replies of a batch on {}: {}", listener, failure.toString());
        }
    }

    /** Hands datagram {@code index} of {@code batch} to its shard's ring, or handles it here when that ring is idle. */
    private void dispatch(DatagramBatch batch, int index, Listener listener, int shardCount) {
        ByteBuffer packet = batch.packet(index);
        RingBuffer<PacketEvent> ring = rings.get(ClientShard.of(packet, shardCount));
        long waiting = ring.getBufferSize() - ring.remainingCapacity();
        occupancy.sample(waiting);
        if (waiting == 0 && inline != null) {
            inline.handle(packet, listener, batch.sourceAddress(index), batch.sourcePort(index), batch.replies());
            return;
        }
        long sequence;
        try {
            sequence = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            packets.received.increment();
            packets.dropped.increment();
            return;
        }
        PacketEvent event = ring.get(sequence);
        int length = Math.min(packet.remaining(), PacketEvent.CAPACITY);
        packet.get(event.data, 0, length);
        event.length = length;
        event.listener = listener;
        event.sourceAddress = batch.sourceAddress(index);
        event.sourcePort = batch.sourcePort(index);
        ring.publish(sequence);
    }

    /** A reply queued for a batched send that the kernel then refused: logged, and no longer counted as sent. */
    private void sendFailed(Listener listener, ByteBuffer datagram, Ipv4Address destination, int port, String reason) {
        packets.uncountSent(SentReplies.messageType(datagram));
        LOG.warn("DHCP4_PACKET_SEND_FAIL to {}:{} via {}: {}", destination, port, listener, reason);
    }

    /** Whether a receiving thread is still alive (they stop in {@link #close()}). */
    boolean receiving() {
        return receivers.stream().anyMatch(Thread::isAlive);
    }

    /** The packets waiting in the ring a new packet joins, averaged over about the last 10, 100 and 1000 packets. */
    public double[] averageOccupancy() {
        return occupancy.averages();
    }

    /**
     * Stops receiving, lets the handlers finish what is in the rings (up to 5 s each), and stops
     * them. The sockets close only after their receiving threads have stopped (or 5 s have
     * passed), so that no native read meets a descriptor number the system has given to another file.
     */
    @Override
    public void close() {
        closing = true;
        for (Listener listener : listeners) {
            try {
                listener.stopReceiving();
            } catch (IOException | RuntimeException | LinkageError e) {
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
        for (Listener listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                LOG.warn("DHCP4_SOCKET_CLOSE_FAIL {}: {}", listener, e.toString());
            }
        }
        for (Disruptor<PacketEvent> shard : shards) {
            try {
                shard.shutdown(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                shard.halt();
            }
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, counter.getAndIncrement() == 0 ? name : name + "-" + counter.get());
            thread.setDaemon(true);
            return thread;
        };
    }
}
