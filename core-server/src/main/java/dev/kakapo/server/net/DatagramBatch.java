package dev.kakapo.server.net;

import dev.kakapo.api.net.Ipv4Address;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The datagrams one receiving thread read from its socket in one go, and the replies it sends
 * back. Under load several datagrams wait in the socket; reading them with one system call and
 * sending their replies with another saves the per-call cost the kernel charges (most of what a
 * DHCP exchange costs on loopback, where a send also delivers). Owned by one thread: only that
 * thread calls {@link #receive}, reads the packets and {@link #flush}es; {@link #replies()} may be
 * handed to other threads, which then send at once.
 */
public interface DatagramBatch {

    /**
     * Waits for at least one datagram and takes every one already waiting, up to the batch's
     * size; the packets of the previous call are gone. Returns 0 when nothing could be read this
     * time (call again).
     *
     * @throws java.nio.channels.ClosedChannelException once the listener stopped receiving
     * @throws IOException when the socket fails
     */
    int receive() throws IOException;

    /** Datagram {@code index} of the last {@link #receive}: a view from position to limit, valid until the next. */
    ByteBuffer packet(int index);

    /** The sender's IPv4 address of datagram {@code index}, as the bits of {@link dev.kakapo.api.net.Ipv4Address#toBits}. */
    int sourceAddress(int index);

    /** The sender's UDP port of datagram {@code index}. */
    int sourcePort(int index);

    /**
     * Where replies go: on the owning thread they wait for {@link #flush}, on any other thread
     * they leave at once.
     */
    ReplyTransport replies();

    /** Sends the replies queued on the owning thread; a reply the kernel refuses goes to the batch's {@link SendFailures}. */
    void flush();

    /** Told of each reply the kernel refused after it had been queued. */
    @FunctionalInterface
    interface SendFailures {

        /**
         * Reply {@code datagram} to {@code destination}:{@code port} was not sent, for {@code reason}.
         *
         * @param datagram the reply's bytes, position to limit; valid only during the call
         */
        void failed(ByteBuffer datagram, Ipv4Address destination, int port, String reason);
    }
}
