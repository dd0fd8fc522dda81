package dev.kakapo.hooks.ha;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on blocking sockets with a thread per connection, for the HA listener:
 * partners keep a connection or two open and send one request at a time on each, so a request
 * costs one wake-up of its connection's thread, a read, and one write of the whole answer. The
 * JDK's {@code com.sun.net.httpserver} hands every request from its selector thread to a worker
 * and the connection back, three context switches per lease update; with both servers of a pair
 * on one core that was a fifth of the pair's CPU.
 *
 * <p>It speaks what peers and operators' tools send: keep-alive and {@code Connection: close},
 * HTTP/1.0, bodies by length or chunked, {@code Expect: 100-continue}, pipelined requests. A
 * malformed request gets 400 and the connection is closed; connections beyond
 * {@link #MAX_CONNECTIONS} get 503. Idle connections are closed after {@link #IDLE_TIMEOUT_MS}.
 */
final class BlockingHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingHttpServer.class);

    /** Connections served at once; more are answered 503 and closed. */
    static final int MAX_CONNECTIONS = 64;
    /** How long a connection may stay silent, between requests or inside one. */
    static final int IDLE_TIMEOUT_MS = 30_000;
    /** The largest request body accepted: a lease4-bulk-apply of many leases fits many times over. */
    static final long MAX_BODY = 64L * 1024 * 1024;

    /** A request as the handler sees it: header names lower-cased. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        /** The value of header {@code name} (lower case), or null. */
        String header(String name) {
            return headers.get(name);
        }
    }

    /** An answer: its status, extra header fields, and a JSON body. */
    record Response(int status, Map<String, String> headers, String body) {
        Response(int status, String body) {
            this(status, Map.of(), body);
        }
    }

    /** Turns a request into its answer; an exception costs the connection a 500 answer and its close. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    /**
     * Looks at a request's head before its body is read: an answer to send at once (the
     * connection is then closed, its body unread), or null to read the body and handle the
     * request. So a client that may not send anything (no credentials) cannot make the server
     * hold a large body in memory.
     */
    @FunctionalInterface
    interface HeadCheck {
        Response refuse(Map<String, String> headers);
    }

    private final ServerSocket server;
    private final HeadCheck headCheck;
    private final Handler handler;
    private final String name;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closing;

    /**
     * Binds {@code address} and starts accepting; over TLS when {@code tls} is given, asking each
     * client for a certificate when {@code needClientAuth}. Each request's head goes to
     * {@code headCheck} first, then the whole request to {@code handler}.
     */
    BlockingHttpServer(InetSocketAddress address, SSLContext tls, boolean needClientAuth, String name, HeadCheck headCheck,
                       Handler handler) throws IOException {
        this.headCheck = headCheck;
        this.handler = handler;
        this.name = name;
        if (tls != null) {
            SSLServerSocket secure = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
            SSLParameters parameters = tls.getDefaultSSLParameters();
            parameters.setNeedClientAuth(needClientAuth);
            secure.setSSLParameters(parameters);
            this.server = secure;
        } else {
            this.server = new ServerSocket();
        }
        try {
            server.setReuseAddress(true);
            server.bind(address, 64);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.acceptor = new Thread(this::acceptWhileOpen, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port bound: the one asked for, or the one chosen when 0 was asked. */
    int port() {
        return server.getLocalPort();
    }

    private void acceptWhileOpen() {
        AtomicInteger count = new AtomicInteger();
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.debug("HA_LISTENER_EXCHANGE_FAILED accepting a connection: {}", e.toString());
                    pauseAfterFailedAccept();
                }
                continue;
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                connections.decrementAndGet();
                refuse(socket);
                continue;
            }
            open.add(socket);
            Thread thread = new Thread(() -> serve(socket), name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Out of descriptors, say: a short pause, so that a failing accept does not spin the core. */
    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Too many connections: a short 503 from the acceptor (a TLS handshake is not attempted there). */
    private static void refuse(Socket socket) {
        try (socket) {
            if (!(socket instanceof SSLSocket)) {
                socket.setSoTimeout(1000);
                socket.getOutputStream().write(answer(new Response(503, "{\"result\":503,\"text\":\"Service Unavailable\"}"), false));
            }
        } catch (IOException ignored) {
            // the client learns from the closed connection
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            boolean keepAlive = true;
            while (keepAlive && !closing) {
                keepAlive = exchange(in, out);
            }
            if (!closing) {
                lingeringClose(socket, in);
            }
        } catch (HttpWire.ClosedBetweenMessages | SocketTimeoutException finished) {
            // the client is done with the connection, or left it idle too long
        } catch (SocketException e) {
            if (!closing) {
                LOG.debug("HA_LISTENER_EXCHANGE_FAILED {}", e.toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("HA_LISTENER_EXCHANGE_FAILED {}", e.toString());
        } finally {
            open.remove(socket);
            connections.decrementAndGet();
        }
    }

    /**
     * Ends the connection without losing the last answer: closing a socket with unread bytes
     * (the rest of a malformed request) resets it, and a reset can overtake the answer. So the
     * sending side is shut first and what the client still sends is read away for a moment.
     */
    private static void lingeringClose(Socket socket, InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(1000);
        byte[] discard = new byte[4096];
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (in.read(discard) >= 0 && System.nanoTime() < deadline) {
            // read away until the client closes its side
        }
    }

    /** Reads one request and writes its answer; whether the connection stays open for the next. */
    private boolean exchange(InputStream in, OutputStream out) throws IOException {
        String[] start = HttpWire.startLine(in).split(" ");
        Map<String, String> headers;
        byte[] body;
        try {
            if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
                throw new HttpWire.Malformed("not an HTTP/1 request line");
            }
            headers = HttpWire.headers(in);
            Response refused = headCheck.refuse(headers);
            if (refused != null) {
                out.write(answer(refused, false));
                return false;
            }
            if ("100-continue".equalsIgnoreCase(headers.get("expect")) && start[2].equals("HTTP/1.1")) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            body = HttpWire.body(in, headers, MAX_BODY, false);
        } catch (HttpWire.Malformed e) {
            LOG.debug("HA_LISTENER_EXCHANGE_FAILED a malformed request: {}", e.getMessage());
            out.write(answer(new Response(400, "{\"result\":400,\"text\":\"Bad Request\"}"), false));
            return false;
        }
        boolean keepAlive = HttpWire.keepsAlive(start[2], headers);
        Response response;
        try {
            response = handler.handle(new Request(start[0], start[1], headers, body));
        } catch (RuntimeException e) {
            LOG.error("HA_LISTENER_COMMAND_FAILED a request failed: {}", e.toString(), e);
            response = new Response(500, "{\"result\":500,\"text\":\"Internal Server Error\"}");
            keepAlive = false;
        }
        out.write(answer(response, keepAlive));
        out.flush();
        return keepAlive;
    }

    /** The whole answer, head and body, in one array: one write, one segment on the wire. */
    static byte[] answer(Response response, boolean keepAlive) {
        byte[] content = response.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160).append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(content.length).append("\r\n");
        response.headers().forEach((field, value) -> head.append(field).append(": ").append(value).append("\r\n"));
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(content, 0, message, headBytes.length, content.length);
        return message;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    /** Stops accepting and closes every connection; requests being handled lose their answers. */
    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // its thread ends on the failed read
            }
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
