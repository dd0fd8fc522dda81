package dev.kakapo.hooks.ha;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingHttpServerTest {

    /** What the handler saw: method, target and body of each request. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private BlockingHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new BlockingHttpServer(new InetSocketAddress("127.0.0.1", 0), null, false, "test-listener",
                headers -> "no".equals(headers.get("x-may-send")) ? new BlockingHttpServer.Response(401, Map.of("WWW-Authenticate",
                        "Basic realm=\"test\""), "{\"result\":401}") : null, request -> {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            seen.add(request.method() + " " + request.target() + " " + body);
            if (body.equals("fail")) {
                throw new IllegalStateException("the handler failed");
            }
            return new BlockingHttpServer.Response(200, "{\"echo\":\"" + body + "\"}");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String post(String body, String... extraHeaders) {
        return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + String.join("", extraHeaders)
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** One answer off the socket: its head (status line and fields) and its body, read by Content-Length. */
    private static String[] read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new String[] {text, new String(in.readNBytes(length), StandardCharsets.UTF_8)};
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        return socket.getInputStream().read() < 0;
    }

    @Test
    void aKeptAliveConnectionCarriesOneRequestAfterAnother() throws IOException {
        try (Socket socket = connect()) {
            for (String body : List.of("one", "two", "three")) {
                write(socket, post(body));
                String[] answer = read(socket);
                assertTrue(answer[0].startsWith("HTTP/1.1 200 OK\r\n"), answer[0]);
                assertTrue(answer[0].contains("Content-Type: application/json\r\n"), answer[0]);
                assertEquals("{\"echo\":\"" + body + "\"}", answer[1]);
            }
        }
        assertEquals(List.of("POST / one", "POST / two", "POST / three"), seen);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrder() throws IOException {
        try (Socket socket = connect()) {
            write(socket, post("first") + post("second"));
            assertEquals("{\"echo\":\"first\"}", read(socket)[1]);
            assertEquals("{\"echo\":\"second\"}", read(socket)[1]);
        }
    }

    @Test
    void aChunkedBodyIsReassembled() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4\r\n{\"a\"\r\n5;ext=1\r\n: 12}\r\n0\r\nTrailer: t\r\n\r\n");
            assertEquals("{\"echo\":\"{\"a\": 12}\"}", read(socket)[1]);
        }
        assertEquals(List.of("POST /x {\"a\": 12}"), seen);
    }

    @Test
    void aClientThatExpectsToContinueGetsTheGoAheadBeforeItSendsTheBody() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            String[] interim = read(socket);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim[0]);
            write(socket, "body");
            assertEquals("{\"echo\":\"body\"}", read(socket)[1]);
        }
    }

    @Test
    void connectionCloseAndHttp10EndTheConnectionAfterTheAnswer() throws IOException {
        try (Socket socket = connect()) {
            write(socket, post("bye", "Connection: close\r\n"));
            String[] answer = read(socket);
            assertTrue(answer[0].contains("Connection: close\r\n"), answer[0]);
            assertTrue(closedByServer(socket));
        }
        try (Socket socket = connect()) {
            write(socket, "POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\nold");
            assertEquals("{\"echo\":\"old\"}", read(socket)[1]);
            assertTrue(closedByServer(socket));
        }
        try (Socket socket = connect()) {
            write(socket, "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\none");
            read(socket);
            write(socket, "POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\ntwo");
            assertEquals("{\"echo\":\"two\"}", read(socket)[1]);
        }
    }

    @Test
    void aMalformedRequestGets400AndItsConnectionIsClosed() throws IOException {
        for (String malformed : List.of("NONSENSE\r\n\r\n", "POST / HTTP/1.1\r\nno colon here\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: many\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: " + (BlockingHttpServer.MAX_BODY + 1) + "\r\n\r\n",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")) {
            try (Socket socket = connect()) {
                write(socket, malformed);
                String[] answer = read(socket);
                assertTrue(answer[0].startsWith("HTTP/1.1 400 Bad Request\r\n"), malformed + " -> " + answer[0]);
                assertTrue(closedByServer(socket), malformed);
            }
        }
        assertEquals(List.of(), seen, "no malformed request reached the handler");
    }

    @Test
    void aRequestRefusedByItsHeadIsAnsweredBeforeItsBodyIsRead() throws IOException {
        try (Socket socket = connect()) {
            // a body announced far larger than anything sent: the answer must not wait for it
            write(socket, "POST / HTTP/1.1\r\nX-May-Send: no\r\nContent-Length: 1000000000\r\n\r\n{");
            String[] answer = read(socket);
            assertTrue(answer[0].startsWith("HTTP/1.1 401 Unauthorized\r\n"), answer[0]);
            assertTrue(answer[0].contains("WWW-Authenticate: Basic realm=\"test\"\r\n"), answer[0]);
            assertTrue(answer[0].contains("Connection: close\r\n"), answer[0]);
            assertEquals("{\"result\":401}", answer[1]);
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void aFailingHandlerCostsItsRequestA500AndNothingMore() throws IOException {
        try (Socket socket = connect()) {
            write(socket, post("fail"));
            assertTrue(read(socket)[0].startsWith("HTTP/1.1 500 "));
            assertTrue(closedByServer(socket));
        }
        try (Socket socket = connect()) {
            write(socket, post("after"));
            assertEquals("{\"echo\":\"after\"}", read(socket)[1]);
        }
    }

    @Test
    void theJdkClientIsServed() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString("jdk" + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals("{\"echo\":\"jdk" + i + "\"}", answer.body());
        }
    }

    @Test
    void closingTheServerClosesItsIdleConnections() throws IOException {
        try (Socket socket = connect()) {
            write(socket, post("hello"));
            read(socket);
            server.close();
            assertTrue(closedByServer(socket));
        }
        try (Socket refused = new Socket()) {
            assertThrowsConnect(refused);
        }
    }

    private void assertThrowsConnect(Socket socket) {
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        } catch (IOException expected) {
            return;
        }
        throw new AssertionError("the closed server still accepted a connection");
    }
}
