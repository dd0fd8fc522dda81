package dev.kakapo.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends one command to a server's unix control socket, the way {@code socat} does, and reads the
 * answer. Used by the lab and by the benchmarks that drive server processes.
 */
public final class ControlSocketClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlSocketClient() {
    }

    /** The answer to {@code command} with {@code arguments} (a JSON map, or null). */
    public static JsonNode send(Path socket, String command, String arguments) throws IOException {
        String text = "{\"command\": \"" + command + "\"" + (arguments == null ? "" : ", \"arguments\": " + arguments) + "}";
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            return JSON.readTree(answer.toByteArray());
        }
    }
}
