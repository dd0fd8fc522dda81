package dev.kakapo.server.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A TCP port nobody listens on right now, for a test's HA listeners and endpoints. */
public final class Ports {

    private Ports() {
    }

    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
