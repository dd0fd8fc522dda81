package dev.kakapo.server.net;

import dev.kakapo.api.net.Ipv4Address;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * This process's claim to serve DHCP on one address and port, so that a second server started
 * on the same {@code interfaces} refuses to start instead of sharing the port: the DHCP sockets
 * need SO_REUSEADDR (a whole-interface socket and an address's socket share port 67), and with
 * it Linux lets any number of processes bind the same UDP address and port, each getting some
 * of the packets. The claim is a TCP socket bound, without SO_REUSEADDR, to the same address and
 * port (TCP port 67 is otherwise unused): the kernel gives it to one process at a time and takes
 * it back when that process ends, kill -9 included, and nothing is written anywhere. Several
 * listeners of one process on one address share one claim.
 */
final class EndpointClaim implements AutoCloseable {

    private static final Map<InetSocketAddress, EndpointClaim> HELD = new HashMap<>();

    private final InetSocketAddress endpoint;
    private final ServerSocketChannel socket;
    private int holders;

    private EndpointClaim(InetSocketAddress endpoint, ServerSocketChannel socket) {
        this.endpoint = endpoint;
        this.socket = socket;
    }

    /**
     * Claims {@code address}:{@code port} for this process.
     *
     * @throws IOException naming the endpoint when another process holds it
     */
    static EndpointClaim claim(Ipv4Address address, int port) throws IOException {
        InetSocketAddress endpoint = new InetSocketAddress(address.toInetAddress(), port);
        synchronized (HELD) {
            EndpointClaim held = HELD.get(endpoint);
            if (held == null) {
                ServerSocketChannel socket = ServerSocketChannel.open();
                try {
                    socket.bind(endpoint, 1);
                } catch (IOException e) {
                    socket.close();
                    throw new IOException("another server already serves " + address + ":" + port + " (its claim, TCP "
                            + address + ":" + port + ", is taken: " + e.getMessage() + ")", e);
                }
                held = new EndpointClaim(endpoint, socket);
                HELD.put(endpoint, held);
            }
            held.holders++;
            return held;
        }
    }

    /** Gives up this holder's share of the claim; the last one frees the endpoint. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (holders == 0) {
                return;
            }
            if (--holders == 0) {
                HELD.remove(endpoint);
                socket.close();
            }
        }
    }
}
