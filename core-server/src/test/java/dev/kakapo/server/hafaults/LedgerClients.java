package dev.kakapo.server.hafaults;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A population of DHCP clients behind one relay, run in a JVM of its own inside a test's network
 * namespace, that writes down every answer that matters to the HA invariants: each DHCPACK (the
 * client, the address, the server, the lease time) and each DHCPNAK, one line each, flushed as it
 * arrives, so that the ledger is complete even when the test stops the run abruptly.
 *
 * <p>New clients start at a steady rate; each runs DISCOVER, OFFER, REQUEST, ACK as RFC 2131's
 * client does (the relay forwards every query to every server, as a relay with several helper
 * addresses does; {@code secs} counts from the client's first DISCOVER; retransmissions every
 * second; back to DISCOVER after four unanswered REQUESTs or a NAK). A share of the bound
 * clients renews once, a few seconds after binding (a REQUEST with {@code ciaddr}, forwarded to
 * every server). Clients never release, so every acknowledged lease is held until it expires.
 *
 * <p>Arguments: {@code RELAY SERVERS(comma-separated) PORT RATE SECONDS LEDGER MAC-PREFIX
 * RENEW-AFTER-SECONDS RENEW-PERCENT}. Bounded: no new client after {@code SECONDS}, and the
 * process ends two seconds later.
 */
public final class LedgerClients {

    private static final long RETRANSMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int REQUEST_ATTEMPTS = 4;

    private enum Phase { SELECTING, REQUESTING, BOUND, RENEWING }

    /** One client's state; guarded by its own monitor. */
    private static final class Client {
        final int index;
        final HardwareAddress mac;
        Phase phase = Phase.SELECTING;
        int xid;
        long firstSentNanos;
        long lastSentNanos;
        int attempts;
        Ipv4Address offered;
        Ipv4Address offeredBy;
        Ipv4Address bound;
        long renewAtNanos;
        boolean renews;

        Client(int index, HardwareAddress mac) {
            this.index = index;
            this.mac = mac;
        }
    }

    private final Ipv4Address relay;
    private final List<Ipv4Address> servers;
    private final int port;
    private final double rate;
    private final long seconds;
    private final long renewAfterNanos;
    private final int renewPercent;
    private final String macPrefix;
    private final PrintWriter ledger;
    private final DatagramSocket socket;
    private final Map<Integer, Client> byXid = new ConcurrentHashMap<>();
    /** The clients with a timer running: waiting for an answer, or bound with a renewal to come. */
    private final java.util.Set<Client> active = ConcurrentHashMap.newKeySet();
    private int nextXid = 1;

    private LedgerClients(String[] args) throws IOException {
        relay = Ipv4Address.parse(args[0]);
        List<Ipv4Address> list = new ArrayList<>();
        for (String server : args[1].split(",")) {
            list.add(Ipv4Address.parse(server));
        }
        servers = List.copyOf(list);
        port = Integer.parseInt(args[2]);
        rate = Double.parseDouble(args[3]);
        seconds = Long.parseLong(args[4]);
        ledger = new PrintWriter(Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8), true);
        macPrefix = args[6];
        renewAfterNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[7]));
        renewPercent = Integer.parseInt(args[8]);
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(relay.toInetAddress(), port));
        socket.setSoTimeout(50);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: LedgerClients RELAY SERVERS PORT RATE SECONDS LEDGER MAC-PREFIX RENEW-AFTER RENEW-PERCENT");
            System.exit(2);
        }
        new LedgerClients(args).run();
    }

    private void run() throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ledger.println("START\t" + System.currentTimeMillis());
        Thread receiver = new Thread(() -> receive(end + TimeUnit.SECONDS.toNanos(2)), "ledger-receiver");
        receiver.start();
        long started = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            long due = (long) ((now - start) / 1e9 * rate);
            while (started < due) {
                startClient((int) ++started);
            }
            for (Client client : active) {
                synchronized (client) {
                    drive(client, now);
                    if (client.phase == Phase.BOUND && client.renewAtNanos == 0) {
                        active.remove(client);
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        receiver.join();
        ledger.println("END\t" + System.currentTimeMillis() + "\t" + started);
        ledger.close();
        socket.close();
    }

    private void startClient(int index) {
        HardwareAddress mac = HardwareAddress.parse(String.format("%s:%02x:%02x:%02x:%02x", macPrefix,
                (index >> 24) & 0xff, (index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff));
        Client client = new Client(index, mac);
        client.renews = Math.floorMod(index * 37, 100) < renewPercent;
        synchronized (client) {
            discover(client, System.nanoTime());
        }
    }

    /** Retransmits, gives up, and starts renewals, as the client's timers say. */
    private void drive(Client client, long now) {
        switch (client.phase) {
            case SELECTING:
                if (now - client.lastSentNanos >= RETRANSMIT_NANOS) {
                    send(client, discoverPacket(client, now), now);
                }
                break;
            case REQUESTING:
                if (now - client.lastSentNanos >= RETRANSMIT_NANOS) {
                    if (client.attempts >= REQUEST_ATTEMPTS) {
                        discover(client, now);
                    } else {
                        send(client, selectingRequest(client, now), now);
                    }
                }
                break;
            case BOUND:
                if (client.renews && client.renewAtNanos != 0 && now >= client.renewAtNanos) {
                    client.renewAtNanos = 0;
                    client.phase = Phase.RENEWING;
                    client.attempts = 0;
                    client.firstSentNanos = now;
                    newXid(client);
                    send(client, renewingRequest(client, now), now);
                }
                break;
            case RENEWING:
                if (now - client.lastSentNanos >= RETRANSMIT_NANOS) {
                    if (client.attempts >= REQUEST_ATTEMPTS) {
                        client.phase = Phase.BOUND; // the lease is still valid; no second renewal in this run
                    } else {
                        send(client, renewingRequest(client, now), now);
                    }
                }
                break;
            default:
                break;
        }
    }

    private void discover(Client client, long now) {
        active.add(client);
        client.phase = Phase.SELECTING;
        client.firstSentNanos = now;
        client.attempts = 0;
        client.offered = null;
        client.offeredBy = null;
        newXid(client);
        send(client, discoverPacket(client, now), now);
    }

    private void newXid(Client client) {
        if (client.xid != 0) {
            byXid.remove(client.xid);
        }
        client.xid = nextXid++;
        byXid.put(client.xid, client);
    }

    private DhcpPacket base(Client client, MessageType type, long now) {
        int secs = (int) Math.min(0xffff, TimeUnit.NANOSECONDS.toSeconds(now - client.firstSentNanos));
        DhcpPacket packet = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(client.xid).hops(1).secs(secs).giaddr(relay)
                .hardwareAddress(client.mac).messageType(type);
        packet.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 51, 54});
        return packet;
    }

    private DhcpPacket discoverPacket(Client client, long now) {
        return base(client, MessageType.DISCOVER, now);
    }

    private DhcpPacket selectingRequest(Client client, long now) {
        DhcpPacket request = base(client, MessageType.REQUEST, now);
        request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, client.offered);
        request.options().putIpv4(OptionCode.SERVER_IDENTIFIER, client.offeredBy);
        return request;
    }

    private DhcpPacket renewingRequest(Client client, long now) {
        return base(client, MessageType.REQUEST, now).ciaddr(client.bound);
    }

    private void send(Client client, DhcpPacket packet, long now) {
        client.lastSentNanos = now;
        client.attempts++;
        byte[] bytes = DhcpCodec.encode(packet);
        for (Ipv4Address server : servers) {
            try {
                socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(server.toInetAddress(), port)));
            } catch (IOException e) {
                // a send refused by the kernel is a lost packet, as on a network; the client retransmits
            }
        }
    }

    private void receive(long untilNanos) {
        DatagramPacket datagram = new DatagramPacket(new byte[1500], 1500);
        while (System.nanoTime() < untilNanos) {
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            DecodeResult decoded = DhcpCodec.decode(datagram.getData(), 0, datagram.getLength());
            if (!decoded.isSuccess()) {
                continue;
            }
            DhcpPacket reply = decoded.packet();
            Client client = byXid.get(reply.xid());
            if (client == null) {
                continue;
            }
            synchronized (client) {
                if (client.xid == reply.xid()) {
                    answer(client, reply);
                }
            }
        }
    }

    private void answer(Client client, DhcpPacket reply) {
        MessageType type = reply.messageType().orElse(null);
        Ipv4Address server = reply.serverIdentifier().orElse(Ipv4Address.ANY);
        long now = System.nanoTime();
        if (type == MessageType.OFFER && client.phase == Phase.SELECTING) {
            client.offered = reply.yiaddr();
            client.offeredBy = server;
            client.phase = Phase.REQUESTING;
            client.attempts = 0;
            send(client, selectingRequest(client, now), now);
        } else if (type == MessageType.ACK && (client.phase == Phase.REQUESTING || client.phase == Phase.RENEWING
                || client.phase == Phase.BOUND && reply.yiaddr().equals(client.bound))) {
            String kind = client.phase == Phase.REQUESTING ? "new" : "renew";
            ledger.println("ACK\t" + System.currentTimeMillis() + "\t" + client.mac + "\t" + reply.yiaddr() + "\t" + server
                    + "\t" + reply.leaseTime().orElse(0) + "\t" + kind);
            if (client.phase != Phase.BOUND) {
                client.bound = reply.yiaddr();
                client.phase = Phase.BOUND;
                client.renewAtNanos = kind.equals("new") && client.renews ? now + renewAfterNanos : 0;
            }
        } else if (type == MessageType.NAK && (client.phase == Phase.REQUESTING || client.phase == Phase.RENEWING)) {
            ledger.println("NAK\t" + System.currentTimeMillis() + "\t" + client.mac + "\t"
                    + (client.phase == Phase.RENEWING ? client.bound : client.offered) + "\t" + server);
            client.bound = null;
            discover(client, now);
        }
    }
}
