package dev.kakapo.benchmarks.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A command over a server's unix control socket, one connection per command as Kea's clients do. */
final class ControlSocket {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlSocket() {
    }

    /** The answer to {@code command} with {@code arguments} (a JSON map, or null). */
    static JsonNode send(Path socket, String command, String arguments) throws IOException {
        String text = "{\"command\": \"" + command + "\"" + (arguments == null ? "" : ", \"arguments\": " + arguments) + "}";
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            return JSON.readTree(answer.toByteArray());
        }
    }
}
