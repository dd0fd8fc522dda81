package dev.kakapo.server.lab;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kakapo's own DHCP load, so the lab runs where perfdhcp is not installed: one relay per subnet
 * (bound to the subnet's relay address on the servers' port) runs clients through
 * DISCOVER-OFFER-REQUEST-ACK one after the other at a set pace, sending each query to every
 * server of the subnet's relationship as a relay with several helper addresses does. There are
 * as many clients as the subnet's pools hold addresses; once each has a lease they come round
 * again (and get their lease again), so the load never exhausts a pool. Bounded by an exchange
 * count and by {@link #stop}.
 */
final class DhcpLoad {

    /** A lease a server acknowledged. */
    record Acked(long subnetId, String mac, Ipv4Address address, Ipv4Address server, long atNanos) {
    }

    /** Where one relay sends: the subnet it serves and the servers it forwards to. */
    record Target(Deployment.Subnet subnet, List<Ipv4Address> servers) {
    }

    private static final long ANSWER_TIMEOUT_MILLIS = 300;

    private final List<Target> targets;
    private final int port;
    private final double ratePerRelay;
    private final long maxExchangesPerRelay;
    private final Map<String, Acked> acked = new ConcurrentHashMap<>();
    private final AtomicLong acknowledgements = new AtomicLong();
    private final Map<String, Long> firstBySubnetAndServer = new ConcurrentHashMap<>();
    private final AtomicLong exchanges = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param rate                 exchanges per second over all relays
     * @param maxExchangesPerRelay at most this many exchanges per relay
     */
    DhcpLoad(List<Target> targets, int port, double rate, long maxExchangesPerRelay) {
        this.targets = List.copyOf(targets);
        this.port = port;
        this.ratePerRelay = rate / Math.max(1, targets.size());
        this.maxExchangesPerRelay = maxExchangesPerRelay;
    }

    void start() throws IOException {
        running = true;
        int index = 0;
        for (Target target : targets) {
            DatagramSocket socket = new DatagramSocket(null);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(Ipv4Address.parse(target.subnet().relay()).toInetAddress(), port));
            socket.setSoTimeout((int) ANSWER_TIMEOUT_MILLIS);
            int relayIndex = index++;
            Thread thread = new Thread(() -> run(target, socket, relayIndex), "kakapo-lab-load-" + target.subnet().id());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** The last lease each client was acknowledged. */
    List<Acked> acked() {
        return List.copyOf(acked.values());
    }

    /** When {@code server} first acknowledged a lease in subnet {@code subnetId} ({@link System#nanoTime}), or null. */
    Long firstAcknowledgement(long subnetId, Ipv4Address server) {
        return firstBySubnetAndServer.get(subnetId + "/" + server);
    }

    /** Every acknowledgement so far, a client's repeated ones included. */
    long acknowledgements() {
        return acknowledgements.get();
    }

    long exchanges() {
        return exchanges.get();
    }

    long unanswered() {
        return unanswered.get();
    }

    private void run(Target target, DatagramSocket socket, int relayIndex) {
        long intervalNanos = (long) (1e9 / Math.max(0.1, ratePerRelay));
        long next = System.nanoTime();
        Ipv4Address relay = Ipv4Address.parse(target.subnet().relay());
        try (socket) {
            long clients = Math.max(1, Math.min(target.subnet().capacity(), 0xFFFFFF));
            for (long n = 0; running && n < maxExchangesPerRelay; n++) {
                int client = (int) (n % clients) + 1;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += intervalNanos;
                HardwareAddress mac = HardwareAddress.parse(String.format("02:1a:%02x:%02x:%02x:%02x", relayIndex,
                        (client >> 16) & 0xFF, (client >> 8) & 0xFF, client & 0xFF));
                exchange(target, socket, relay, mac, (relayIndex << 24) | client);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            System.err.println("kakapo lab: the load on relay " + relay + " stopped: " + e);
        }
    }

    private void exchange(Target target, DatagramSocket socket, Ipv4Address relay, HardwareAddress mac, int xid)
            throws IOException {
        exchanges.incrementAndGet();
        DhcpPacket offer = ask(target, socket, query(relay, mac, xid, MessageType.DISCOVER), MessageType.OFFER);
        if (offer == null) {
            unanswered.incrementAndGet();
            return;
        }
        DhcpPacket request = query(relay, mac, xid + 0x10000000, MessageType.REQUEST);
        request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, offer.yiaddr());
        request.options().putIpv4(OptionCode.SERVER_IDENTIFIER, offer.serverIdentifier().orElse(Ipv4Address.ANY));
        DhcpPacket ack = ask(target, socket, request, MessageType.ACK);
        if (ack == null) {
            unanswered.incrementAndGet();
            return;
        }
        acknowledgements.incrementAndGet();
        firstBySubnetAndServer.putIfAbsent(target.subnet().id() + "/" + ack.serverIdentifier().orElse(Ipv4Address.ANY),
                System.nanoTime());
        acked.put(mac.toString(), new Acked(target.subnet().id(), mac.toString(), ack.yiaddr(),
                ack.serverIdentifier().orElse(Ipv4Address.ANY), System.nanoTime()));
    }

    private static DhcpPacket query(Ipv4Address relay, HardwareAddress mac, int xid, MessageType type) {
        DhcpPacket p = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(xid).hops(1).giaddr(relay).hardwareAddress(mac)
                .messageType(type);
        p.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 15, 51, 54});
        return p;
    }

    /** Sends {@code query} to every server of the target and waits for the first answer of {@code expected} type. */
    private DhcpPacket ask(Target target, DatagramSocket socket, DhcpPacket query, MessageType expected) throws IOException {
        byte[] bytes = DhcpCodec.encode(query);
        for (Ipv4Address server : target.servers()) {
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(server.toInetAddress(), port)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MILLIS);
        DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
        while (System.nanoTime() < deadline) {
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException e) {
                return null;
            }
            DecodeResult decoded = DhcpCodec.decode(answer.getData(), 0, answer.getLength());
            DhcpPacket reply = decoded.packet();
            if (reply != null && reply.xid() == query.xid() && reply.messageType().orElse(null) == expected) {
                return reply;
            }
        }
        return null;
    }
}
