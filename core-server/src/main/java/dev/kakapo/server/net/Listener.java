package dev.kakapo.server.net;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.dhcp.Inbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One UDP socket the server listens on, with what it knows about the link behind it. */
public final class Listener implements ReplyTransport, AutoCloseable {

    /**
     * The receive buffer asked for: about 5,000 DHCP packets, which rides out tens of milliseconds
     * in which the receiving thread does not get a core on a busy machine. Above
     * {@code net.core.rmem_max} this takes CAP_NET_ADMIN; without it the kernel's maximum applies.
     */
    static final int RECEIVE_BUFFER = 4 << 20;
    private static final int SHUT_RDWR = 2;
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final String interfaceName;
    private final Ipv4Address serverAddress;
    private final List<Ipv4Address> interfaceAddresses;
    private final boolean deviceBound;
    private final DatagramChannel channel;
    private final List<EndpointClaim> claims;
    private final java.util.concurrent.atomic.AtomicBoolean claimsReleased = new java.util.concurrent.atomic.AtomicBoolean();
    /** Set by {@link #stopReceiving()}: a native read on the socket must not start again. */
    private volatile boolean stopped;
    /** Whether a {@link MmsgBatch} reads this socket, so that stopping must wake it natively. */
    private volatile boolean readNatively;

    private Listener(String interfaceName, Ipv4Address serverAddress, List<Ipv4Address> interfaceAddresses,
                     boolean deviceBound, DatagramChannel channel, List<EndpointClaim> claims) {
        this.claims = List.copyOf(claims);
        this.interfaceName = interfaceName;
        this.serverAddress = serverAddress;
        this.interfaceAddresses = List.copyOf(interfaceAddresses);
        this.deviceBound = deviceBound;
        this.channel = channel;
    }

    /** A socket on one address of an interface ({@code eth0/192.0.2.1}): relayed and unicast traffic. */
    public static Listener onAddress(String interfaceName, Ipv4Address address, int port) throws IOException {
        EndpointClaim claim = EndpointClaim.claim(address, port);
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            enlargeReceiveBuffer(channel);
            channel.bind(new InetSocketAddress(address.toInetAddress(), port));
        } catch (IOException e) {
            channel.close();
            claim.close();
            throw new IOException("cannot listen on " + address + ":" + port + " (" + interfaceName + "): " + e.getMessage(), e);
        }
        return new Listener(interfaceName, address, addressesOf(interfaceName, address), false, channel, List.of(claim));
    }

    /** A socket on a whole interface ({@code eth0}): also the broadcasts of clients without an address. */
    public static Listener onDevice(String interfaceName, int port) throws IOException {
        List<Ipv4Address> addresses = addressesOf(interfaceName, null);
        if (addresses.isEmpty()) {
            throw new IOException("interface " + interfaceName + " has no IPv4 address to serve from");
        }
        List<EndpointClaim> claims = new ArrayList<>();
        try {
            for (Ipv4Address address : addresses) {
                claims.add(EndpointClaim.claim(address, port));
            }
        } catch (IOException e) {
            release(claims);
            throw new IOException("cannot listen on interface " + interfaceName + " port " + port + ": " + e.getMessage(), e);
        }
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            NativeSockets.bindToDevice(channel, interfaceName);
            enlargeReceiveBuffer(channel);
            channel.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            channel.close();
            release(claims);
            throw new IOException("cannot listen on interface " + interfaceName + " port " + port + ": " + e.getMessage(), e);
        }
        return new Listener(interfaceName, addresses.get(0), addresses, true, channel, claims);
    }

    private static void release(List<EndpointClaim> claims) {
        for (EndpointClaim claim : claims) {
            try {
                claim.close();
            } catch (IOException e) {
                LOG.debug("DHCP4_ENDPOINT_CLAIM_CLOSE_FAILED {}", e.toString());
            }
        }
    }

    private static void enlargeReceiveBuffer(DatagramChannel channel) throws IOException {
        if (!NativeSockets.forceReceiveBuffer(channel, RECEIVE_BUFFER)) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        }
    }

    private static List<Ipv4Address> addressesOf(String interfaceName, Ipv4Address fallback) throws IOException {
        NetworkInterface nic = NetworkInterface.getByName(interfaceName);
        if (nic == null) {
            throw new IOException("interface " + interfaceName + " does not exist on this host");
        }
        List<Ipv4Address> out = new ArrayList<>();
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
            if (address instanceof Inet4Address) {
                out.add(Ipv4Address.of((Inet4Address) address));
            }
        }
        if (out.isEmpty() && fallback != null) {
            out.add(fallback);
        }
        return out;
    }

    /** The interface's name. */
    public String interfaceName() {
        return interfaceName;
    }

    /** The address this server is known by on this link: the server identifier of its replies. */
    public Ipv4Address serverAddress() {
        return serverAddress;
    }

    /** Whether the socket serves a whole interface (and so receives broadcasts) rather than one address. */
    public boolean deviceBound() {
        return deviceBound;
    }

    /** The channel, for the receiving thread. */
    public DatagramChannel channel() {
        return channel;
    }

    /**
     * A batch for the receiving thread, which owns it: {@code recvmmsg} and {@code sendmmsg}
     * where the platform has them (Linux, 64-bit) and {@code batching} allows, one datagram per
     * call through the channel otherwise. Call once, on the thread that will receive.
     *
     * @param batching false for one datagram per call even where batching is available
     * @param size     the most datagrams a batch holds
     * @param capacity the largest datagram kept; longer ones are cut, as the channel cuts them
     * @param failures told of each reply the kernel refuses after it was queued
     */
    public DatagramBatch newBatch(boolean batching, int size, int capacity, DatagramBatch.SendFailures failures) {
        if (batching && NativeSockets.batchingAvailable()) {
            try {
                MmsgBatch batch = new MmsgBatch(this, NativeSockets.fd(channel), size, capacity, failures);
                readNatively = true;
                return batch;
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.warn("DHCP4_BATCHED_IO_UNAVAILABLE on {}: {}; one datagram per system call", this, e.toString());
            }
        }
        return new ChannelBatch(this, capacity);
    }

    /**
     * Stops the receiving thread: a thread blocked in a read wakes and its batch reports the
     * channel closed. The socket stays open until {@link #close()}, so that its descriptor cannot
     * be reused under a native read still on its way.
     */
    public void stopReceiving() throws IOException {
        stopped = true;
        if (readNatively) {
            // Wakes a blocked recvmmsg (ENOTCONN is expected on an unconnected UDP socket).
            NativeSockets.libc().shutdown(NativeSockets.fd(channel), SHUT_RDWR);
        } else {
            channel.close();
        }
    }

    /** Whether {@link #stopReceiving()} was called. */
    boolean stopped() {
        return stopped;
    }

    /** What the processor needs to know about a packet that came in here from {@code source}. */
    public Inbound inbound(Ipv4Address source, int sourcePort) {
        return new Inbound(interfaceName, interfaceAddresses, serverAddress, source, sourcePort);
    }

    /** Sends {@code length} bytes of {@code data} to {@code destination}:{@code port}. */
    @Override
    public void send(ByteBuffer data, Ipv4Address destination, int port) throws IOException {
        channel.send(data, new InetSocketAddress(destination.toInetAddress(), port));
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (claimsReleased.compareAndSet(false, true)) {
                release(claims);
            }
        }
    }

    @Override
    public String toString() {
        return deviceBound ? interfaceName + " (whole interface, server id " + serverAddress + ")"
                : interfaceName + "/" + serverAddress;
    }
}
