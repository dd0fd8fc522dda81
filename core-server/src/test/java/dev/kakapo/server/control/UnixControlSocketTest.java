package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kea's unix socket framing: one command per connection, in any number of writes; answer; close. */
class UnixControlSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Dhcp4Server server;
    private UnixControlSocket socket;
    private Path path;

    @BeforeEach
    void open() throws Exception {
        server = Dhcp4Server.builder().withoutSockets().configText(
                "{\"Dhcp4\": {\"lease-database\": {\"type\": \"memfile\", \"persist\": false}, \"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\"}]}}").start();
        path = dir.resolve("kea4.sock");
        CommandDispatcher dispatcher = new ServerCommands(server, HookLibraryCatalog.fromClassPath(), null, exit -> { }).dispatcher();
        socket = new UnixControlSocket(path, dispatcher, 500);
    }

    @AfterEach
    void close() {
        socket.close();
        server.close();
    }

    private static String exchange(Path path, String... writes) throws IOException, InterruptedException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            for (String part : writes) {
                channel.write(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(20);
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer.clear()) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSocketFileIsForItsOwnerOnly() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }

    @Test
    void answersACommandSentInPiecesWithKeaCommentsAndClosesTheConnection() throws Exception {
        JsonNode answer = JSON.readTree(exchange(path, "{ \"comm", "and\": // a comment\n \"status-get\" }"));
        assertEquals(0, answer.get("result").asInt());
        assertEquals(ProcessHandle.current().pid(), answer.get("arguments").get("pid").asLong());
    }

    @Test
    void ignoresWhatFollowsTheFirstCommand() throws Exception {
        String answer = exchange(path, "{\"command\": \"version-get\"}{\"command\": \"shutdown\"}");
        assertEquals(0, JSON.readTree(answer).get("result").asInt());
        assertTrue(answer.contains("\"extended\""), answer);
    }

    @Test
    void answersBrokenJsonWithResultOne() throws Exception {
        JsonNode answer = JSON.readTree(exchange(path, "garbage"));
        assertEquals(1, answer.get("result").asInt());
        assertEquals("invalid first character g", answer.get("text").asText(), "Kea 2.2's words");
        JsonNode broken = JSON.readTree(exchange(path, "{\"command\": }"));
        assertEquals(1, broken.get("result").asInt());
        assertTrue(broken.get("text").asText().startsWith("invalid command"), broken.toString());
    }

    @Test
    void answersASlowClientWithKeasTimeOut() throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            channel.write(ByteBuffer.wrap("{\"command\":".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (channel.read(buffer.clear()) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
            }
            JsonNode parsed = JSON.readTree(answer.toString(StandardCharsets.UTF_8));
            assertEquals(1, parsed.get("result").asInt());
            assertEquals("Connection over control channel timed out, discarded partial command of 11 bytes",
                    parsed.get("text").asText());
        }
    }

    @Test
    void refusesASocketFileALiveServerAnswersOnAndReplacesAStaleOne() throws Exception {
        assertThrows(IOException.class, () -> new UnixControlSocket(path, null, 500));
        socket.close();
        Files.createFile(path); // what a crashed server leaves behind
        socket = new UnixControlSocket(path, new ServerCommands(server, HookLibraryCatalog.fromClassPath(), null, exit -> { }).dispatcher(), 500);
        assertEquals(0, JSON.readTree(exchange(path, "{\"command\": \"list-commands\"}")).get("result").asInt());
    }

    @Test
    void closingRemovesTheSocketFile() {
        socket.close();
        assertFalse(Files.exists(path));
    }
}
