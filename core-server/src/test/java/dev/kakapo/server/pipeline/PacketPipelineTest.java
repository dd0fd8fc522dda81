package dev.kakapo.server.pipeline;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.server.config.MultiThreadingConfig;
import dev.kakapo.server.dhcp.Inbound;
import dev.kakapo.server.dhcp.NetworkState;
import dev.kakapo.server.dhcp.QueryHandler;
import dev.kakapo.server.dhcp.Reply;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.net.Listener;
import dev.kakapo.server.stats.PacketStatistics;
import dev.kakapo.server.stats.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline over real loopback sockets (unprivileged ports), with handlers that misbehave on purpose. */
class PacketPipelineTest {

    private static final Ipv4Address SERVER = Ipv4Address.parse("127.0.0.1");
    private static final Ipv4Address RELAY = Ipv4Address.parse("127.0.0.2");

    private final Statistics statistics = new Statistics();
    private final PacketStatistics packets = new PacketStatistics(statistics);
    private final NetworkState networkState = new NetworkState();
    private PacketPipeline pipeline;
    private DatagramChannel relay;

    @AfterEach
    void close() throws Exception {
        networkState.close();
        if (pipeline != null) {
            pipeline.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    /** Binds the relay's socket on an ephemeral port and the server's on the same port of 127.0.0.1. */
    private Listener listen() throws Exception {
        relay = DatagramChannel.open();
        relay.bind(new InetSocketAddress(RELAY.toInetAddress(), 0));
        relay.socket().setSoTimeout(5000);
        return Listener.onAddress("lo", SERVER, port());
    }

    private int port() throws Exception {
        return ((InetSocketAddress) relay.getLocalAddress()).getPort();
    }

    private void sendDiscover(int xid) throws Exception {
        DhcpPacket discover = new DhcpPacket().xid(xid).giaddr(RELAY).hops(1)
                .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:0" + (xid % 10))).messageType(MessageType.DISCOVER);
        relay.send(ByteBuffer.wrap(DhcpCodec.encode(discover)), new InetSocketAddress(SERVER.toInetAddress(), port()));
    }

    private DhcpPacket receive() throws Exception {
        DatagramPacket datagram = new DatagramPacket(new byte[1500], 1500);
        relay.socket().receive(datagram);
        return DhcpCodec.decode(datagram.getData(), 0, datagram.getLength()).packet();
    }

    /** Answers every DISCOVER with an OFFER echoing its xid, to the relay; optionally throws or waits first. */
    private final class EchoHandler implements QueryHandler {
        private final int throwOnXid;
        private final CountDownLatch gate;
        private final AtomicInteger processed = new AtomicInteger();
        private final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** The xid answered to port 0, which the kernel refuses to send to. */
        private int unsendableXid = -1;

        EchoHandler(int throwOnXid, CountDownLatch gate) {
            this.throwOnXid = throwOnXid;
            this.gate = gate;
        }

        @Override
        public Reply process(DhcpPacket query, Inbound inbound) {
            packets.countReceived(query.messageType().orElse(null));
            processed.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            if (query.xid() == throwOnXid) {
                throw new IllegalStateException("a callout went wrong on purpose");
            }
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DhcpPacket offer = new DhcpPacket().op(DhcpPacket.BOOTREPLY).xid(query.xid()).giaddr(query.giaddr())
                    .messageType(MessageType.OFFER);
            return new Reply(offer, query.giaddr(), query.xid() == unsendableXid ? 0 : inbound.sourcePort());
        }

        @Override
        public PacketStatistics packetStatistics() {
            return packets;
        }
    }

    private PacketPipeline pipelineOver(MultiThreadingConfig threading, EchoHandler handler) throws Exception {
        PacketFlow flow = new PacketFlow(handler, Callouts.none(statistics.get("hook-callout-failures")), networkState);
        return new PacketPipeline(List.of(listen()), threading, handler.packetStatistics(), () -> flow);
    }

    private PacketPipeline ringsOnlyOver(MultiThreadingConfig threading, EchoHandler handler) throws Exception {
        PacketFlow flow = new PacketFlow(handler, Callouts.none(statistics.get("hook-callout-failures")), networkState);
        return new PacketPipeline(List.of(listen()), threading, handler.packetStatistics(), () -> flow, false);
    }

    @Test
    void withOneSocketAPacketForAnIdleHandlerIsHandledOnTheReceivingThread() throws Exception {
        EchoHandler handler = new EchoHandler(-1, new CountDownLatch(0));
        pipeline = pipelineOver(new MultiThreadingConfig(true, 2, 64), handler);
        for (int xid = 1; xid <= 3; xid++) {
            sendDiscover(xid);
            assertEquals(xid, receive().xid());
        }
        assertEquals(java.util.Set.of("kakapo-recv-lo"), handler.threads, "no hand-off to a handler thread");
    }

    @Test
    void packetsQueueInTheRingsWhileTheirHandlerIsBusyAndAreAnsweredInOrder() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        EchoHandler handler = new EchoHandler(-1, gate);
        pipeline = ringsOnlyOver(new MultiThreadingConfig(false, 0, 64), handler);
        for (int xid = 1; xid <= 5; xid++) {
            sendDiscover(xid);
        }
        gate.countDown();
        for (int xid = 1; xid <= 5; xid++) {
            assertEquals(xid, receive().xid());
        }
        assertEquals(java.util.Set.of("kakapo-worker-0"), handler.threads);
    }

    @Test
    void answersOverTheSocketItListensOn() throws Exception {
        pipeline = pipelineOver(new MultiThreadingConfig(true, 2, 64), new EchoHandler(-1, new CountDownLatch(0)));
        sendDiscover(42);
        DhcpPacket offer = receive();
        assertEquals(42, offer.xid());
        assertEquals(MessageType.OFFER, offer.messageType().orElseThrow());
        waitFor(() -> statistics.value("pkt4-offer-sent") == 1);
    }

    @Test
    void aPacketThatThrowsIsDroppedAndCountedAndThePipelineGoesOn() throws Exception {
        pipeline = pipelineOver(new MultiThreadingConfig(false, 0, 64), new EchoHandler(1, new CountDownLatch(0)));
        sendDiscover(1);
        sendDiscover(2);
        assertEquals(2, receive().xid(), "the next packet is answered");
        waitFor(() -> statistics.value("pkt4-receive-drop") == 1);
    }

    @Test
    void aFullRingDropsNewPacketsAndCountsThem() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        EchoHandler handler = new EchoHandler(-1, gate);
        // Through the rings only: the receiving thread handling the first packet itself would hold
        // the gate instead of the handler, and the socket would overflow instead of the ring.
        pipeline = ringsOnlyOver(new MultiThreadingConfig(false, 0, 2), handler);
        int sent = PacketPipeline.MIN_RING_SIZE + 40;
        for (int xid = 1; xid <= sent; xid++) {
            sendDiscover(xid);
            if (xid % 200 == 0) {
                Thread.sleep(20); // stay within the socket's receive buffer: the ring is what overflows here
            }
        }
        // Open the gate only once the receiver has taken every datagram from the socket: what it
        // found room for is in the ring, the rest dropped. Opened earlier, the ring would drain
        // while datagrams still waited in the socket and they would find room after all.
        waitFor(() -> statistics.value("pkt4-receive-drop") >= sent - (PacketPipeline.MIN_RING_SIZE + 1));
        gate.countDown();
        waitFor(() -> handler.processed.get() + statistics.value("pkt4-receive-drop") == sent);
        // The handler held one packet while the ring filled behind it.
        assertTrue(handler.processed.get() >= PacketPipeline.MIN_RING_SIZE && handler.processed.get() <= PacketPipeline.MIN_RING_SIZE + 1,
                handler.processed.get() + " processed");
    }

    @Test
    void rejectsMalformedPacketsAndCountsThem() throws Exception {
        pipeline = pipelineOver(new MultiThreadingConfig(true, 2, 64), new EchoHandler(-1, new CountDownLatch(0)));
        relay.send(ByteBuffer.wrap(new byte[100]), new InetSocketAddress(SERVER.toInetAddress(), port()));
        sendDiscover(7);
        assertEquals(7, receive().xid());
        waitFor(() -> statistics.value("pkt4-parse-failed") == 1);
    }

    @Test
    void answersOneDatagramPerSystemCallWhenBatchedIoIsSwitchedOff() throws Exception {
        EchoHandler handler = new EchoHandler(-1, new CountDownLatch(0));
        System.setProperty(PacketPipeline.BATCHED_IO_PROPERTY, "false");
        try {
            pipeline = pipelineOver(new MultiThreadingConfig(true, 2, 64), handler);
        } finally {
            System.clearProperty(PacketPipeline.BATCHED_IO_PROPERTY);
        }
        for (int xid = 1; xid <= 3; xid++) {
            sendDiscover(xid);
            assertEquals(xid, receive().xid());
        }
    }

    @Test
    void aReplyTheKernelRefusesIsNotCountedAsSentAndTheNextGoesOut() throws Exception {
        for (String batched : new String[] {"true", "false"}) {
            EchoHandler handler = new EchoHandler(-1, new CountDownLatch(0));
            handler.unsendableXid = 1;
            System.setProperty(PacketPipeline.BATCHED_IO_PROPERTY, batched);
            try {
                pipeline = pipelineOver(new MultiThreadingConfig(true, 2, 64), handler);
            } finally {
                System.clearProperty(PacketPipeline.BATCHED_IO_PROPERTY);
            }
            long sentBefore = statistics.value("pkt4-sent");
            long offersBefore = statistics.value("pkt4-offer-sent");
            sendDiscover(1);
            sendDiscover(2);
            assertEquals(2, receive().xid(), "batched I/O " + batched);
            waitFor(() -> handler.processed.get() == 2);
            pipeline.close();
            assertEquals(1, statistics.value("pkt4-sent") - sentBefore, "batched I/O " + batched);
            assertEquals(1, statistics.value("pkt4-offer-sent") - offersBefore, "batched I/O " + batched);
            relay.close();
        }
        pipeline = null;
        relay = null;
    }

    @Test
    void closingStopsTheReceivingThreadBeforeItReturns() throws Exception {
        pipeline = pipelineOver(new MultiThreadingConfig(true, 2, 64), new EchoHandler(-1, new CountDownLatch(0)));
        sendDiscover(1);
        assertEquals(1, receive().xid());
        Thread.sleep(100); // the receiving thread is blocked in its next read
        PacketPipeline closed = pipeline;
        pipeline = null;
        closed.close();
        assertTrue(!closed.receiving(), "a receiving thread outlived close()");
    }

    @Test
    void roundsTheRingUpToAPowerOfTwoOfAtLeastTheMinimum() {
        assertEquals(1024, PacketPipeline.ringSize(28));
        assertEquals(1024, PacketPipeline.ringSize(0));
        assertEquals(4096, PacketPipeline.ringSize(3000));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
