package dev.kakapo.server.net;

import dev.kakapo.api.net.Ipv4Address;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a reply's bytes go: a socket, or an in-process caller. Safe to call from any thread. */
public interface ReplyTransport {

    /** Sends the remaining bytes of {@code data} to {@code destination}:{@code port}. */
    void send(ByteBuffer data, Ipv4Address destination, int port) throws IOException;
}
