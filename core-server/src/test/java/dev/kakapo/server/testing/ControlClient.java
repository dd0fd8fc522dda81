package dev.kakapo.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends one command to a unix control socket, Kea's way, and returns the answer's text. */
public final class ControlClient {

    private ControlClient() {
    }

    /** The answer to {@code command} on {@code socket}. */
    public static String send(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            while (channel.read(buffer.clear()) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits up to {@code seconds} for a socket file to appear. */
    public static void await(Path socket, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(socket + " did not appear within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
