package dev.kakapo.server.net;

import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** recvmmsg and sendmmsg over real loopback sockets: a server socket on 127.0.0.1, a peer on 127.0.0.2. */
class MmsgBatchTest {

    private static final Ipv4Address SERVER = Ipv4Address.parse("127.0.0.1");
    private static final Ipv4Address PEER = Ipv4Address.parse("127.0.0.2");
    private static final int SIZE = 4;
    private static final int CAPACITY = 64;

    private final List<String> failures = new ArrayList<>();
    private Listener listener;
    private DatagramChannel peer;
    private DatagramBatch batch;

    @BeforeEach
    void open() throws Exception {
        assumeTrue(NativeSockets.batchingAvailable(), "recvmmsg and sendmmsg are Linux's");
        listener = Listener.onAddress("lo", SERVER, 0);
        peer = DatagramChannel.open();
        peer.bind(new InetSocketAddress(PEER.toInetAddress(), 0));
        batch = listener.newBatch(true, SIZE, CAPACITY,
                (datagram, destination, port, reason) -> failures.add(text(datagram) + " to " + destination + ":" + port + ": " + reason));
        assertInstanceOf(MmsgBatch.class, batch);
    }

    @AfterEach
    void close() throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void takesEveryWaitingDatagramWithOneCallUpToTheBatchSize() throws Exception {
        for (int i = 1; i <= SIZE + 1; i++) {
            sendToServer("query " + i);
        }
        Thread.sleep(50); // loopback delivers within the send; the pause is a margin
        assertEquals(SIZE, batch.receive());
        for (int i = 0; i < SIZE; i++) {
            assertEquals("query " + (i + 1), text(batch.packet(i)));
            assertEquals(PEER.bits(), batch.sourceAddress(i));
            assertEquals(peerPort(), batch.sourcePort(i));
        }
        assertEquals(1, batch.receive(), "the one left waits for the next call");
        assertEquals("query 5", text(batch.packet(0)));
    }

    @Test
    void cutsADatagramLongerThanTheCapacity() throws Exception {
        sendToServer("x".repeat(CAPACITY + 10));
        assertEquals(1, batch.receive());
        assertEquals(CAPACITY, batch.packet(0).remaining());
    }

    @Test
    void repliesOfTheOwningThreadLeaveOnFlushInOrder() throws Exception {
        peer.configureBlocking(false);
        for (int i = 1; i <= 3; i++) {
            batch.replies().send(bytes("reply " + i), PEER, peerPort());
        }
        Thread.sleep(50);
        assertNull(peer.receive(ByteBuffer.allocate(CAPACITY)), "nothing leaves before the flush");
        batch.flush();
        peer.configureBlocking(true);
        for (int i = 1; i <= 3; i++) {
            assertEquals("reply " + i, receiveAtPeer());
        }
    }

    @Test
    void aFullBatchOfRepliesLeavesBeforeTheNextIsQueued() throws Exception {
        for (int i = 1; i <= SIZE + 1; i++) {
            batch.replies().send(bytes("reply " + i), PEER, peerPort());
        }
        for (int i = 1; i <= SIZE; i++) {
            assertEquals("reply " + i, receiveAtPeer());
        }
        batch.flush();
        assertEquals("reply " + (SIZE + 1), receiveAtPeer());
    }

    @Test
    void aReplyTheKernelRefusesIsReportedAndTheOthersStillLeave() throws Exception {
        batch.replies().send(bytes("first"), PEER, peerPort());
        batch.replies().send(bytes("refused"), PEER, 0); // port 0: EINVAL from udp_sendmsg
        batch.replies().send(bytes("third"), PEER, peerPort());
        batch.flush();
        assertEquals("first", receiveAtPeer());
        assertEquals("third", receiveAtPeer());
        assertEquals(List.of("refused to 127.0.0.2:0: EINVAL (22)"), failures);
    }

    @Test
    void aReplyFromAnotherThreadLeavesAtOnce() throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                batch.replies().send(bytes("resumed"), PEER, peerPort());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS);
        assertEquals("resumed", receiveAtPeer());
    }

    @Test
    void stoppingWakesAThreadBlockedInReceive() throws Exception {
        CompletableFuture<Integer> blocked = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                blocked.complete(batch.receive());
            } catch (Exception e) {
                blocked.completeExceptionally(e);
            }
        });
        receiver.start();
        Thread.sleep(200); // into recvmmsg; stopping earlier ends the same way, without the wake-up
        listener.stopReceiving();
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> blocked.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ClosedChannelException.class, stopped.getCause());
        receiver.join(5000);
    }

    private void sendToServer(String text) throws Exception {
        peer.send(bytes(text), listener.channel().getLocalAddress());
    }

    private int peerPort() throws Exception {
        return ((InetSocketAddress) peer.getLocalAddress()).getPort();
    }

    private String receiveAtPeer() throws Exception {
        ByteBuffer in = ByteBuffer.allocate(CAPACITY);
        peer.receive(in);
        return text(in.flip());
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
