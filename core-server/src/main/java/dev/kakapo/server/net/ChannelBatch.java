package dev.kakapo.server.net;

import dev.kakapo.api.net.Ipv4Address;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A batch of one datagram read through the JDK's channel: where the batched system calls are
 * not available (not Linux, or switched off). Replies leave at once.
 */
final class ChannelBatch implements DatagramBatch {

    private final Listener listener;
    private final ByteBuffer buffer;
    private int sourceAddress;
    private int sourcePort;

    ChannelBatch(Listener listener, int capacity) {
        this.listener = listener;
        this.buffer = ByteBuffer.allocateDirect(capacity);
    }

    @Override
    public int receive() throws IOException {
        buffer.clear();
        InetSocketAddress source = (InetSocketAddress) listener.channel().receive(buffer);
        if (source == null) {
            return 0;
        }
        buffer.flip();
        sourceAddress = Ipv4Address.toBits(source.getAddress().getAddress(), 0);
        sourcePort = source.getPort();
        return 1;
    }

    @Override
    public ByteBuffer packet(int index) {
        return buffer;
    }

    @Override
    public int sourceAddress(int index) {
        return sourceAddress;
    }

    @Override
    public int sourcePort(int index) {
        return sourcePort;
    }

    @Override
    public ReplyTransport replies() {
        return listener;
    }

    @Override
    public void flush() {
        // every reply has left already
    }
}
