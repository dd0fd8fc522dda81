package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.net.PemTls;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One kept-alive HTTP/1.1 connection to a peer, used by one thread at a time: a request is
 * written, its answer read, and the connection stays open for the next. This is the lease
 * update path between Kakapo peers, where one request is in flight per peer anyway; it costs a
 * write and a read per request, where {@link java.net.http.HttpClient} spends several hundred
 * microseconds of CPU on its hand-offs between threads. The request is the one {@link PeerClient}
 * sends (same body, headers, basic authentication, TLS with the peer's files and its host name
 * checked), and the answer is read the same way.
 */
final class PeerConnection implements Closeable {

    private static final int CONNECT_TIMEOUT_MS = 5000;
    /** The largest answer read: a lease4-bulk-apply answer lists at most the leases of its request. */
    private static final long MAX_ANSWER = 64L * 1024 * 1024;

    private final PeerConfig peer;
    private final int timeoutMillis;
    /** Volatile for {@link #abort()} only; the rest is used by one thread at a time. */
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;

    PeerConnection(PeerConfig peer, Duration timeout) {
        this.peer = peer;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /**
     * Sends {@code command} and waits for the answer. A connection the peer closed while idle is
     * replaced once, when nothing of the answer had arrived; any other failure closes the
     * connection (the next request opens a new one) and is thrown.
     */
    CommandAnswer send(String command, JsonNode arguments) throws IOException {
        byte[] request = request(PeerClient.body(command, arguments));
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (StaleConnection stale) {
            close();
            if (!reused) {
                throw new IOException(peer.name() + " closed the connection without answering");
            }
            try {
                return exchange(request);
            } catch (IOException e) {
                close();
                throw e;
            }
        } catch (IOException e) {
            close();
            throw e;
        } catch (RuntimeException malformed) {
            close();
            throw new IOException(peer.name() + " sent a malformed answer: " + malformed, malformed);
        }
    }

    /** The peer answered 403: its listener does not let peers send this command (Kea 3's restrict-commands). */
    static final class Forbidden extends IOException {
        private static final long serialVersionUID = 1L;

        Forbidden(String message) {
            super(message);
        }
    }

    /** The peer closed the connection before sending a byte of the answer. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private CommandAnswer exchange(byte[] request) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        String statusLine;
        try {
            statusLine = HttpWire.startLine(in);
        } catch (HttpWire.ClosedBetweenMessages closed) {
            throw new StaleConnection();
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException(peer.name() + " answered with something other than HTTP: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException(peer.name() + " answered with a malformed status line: " + statusLine);
        }
        Map<String, String> headers;
        String body;
        try {
            headers = HttpWire.headers(in);
            body = new String(HttpWire.body(in, headers, MAX_ANSWER, true), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(peer.name() + "'s answer: " + e.getMessage(), e);
        }
        boolean delimited = headers.containsKey("content-length") || headers.containsKey("transfer-encoding");
        if (!delimited || !HttpWire.keepsAlive(parts[0], headers)) {
            close();
        }
        if (status == 403) {
            throw new Forbidden(peer.name() + " answered HTTP 403: " + body);
        }
        return PeerClient.answer(peer, status, body);
    }

    private void open() throws IOException {
        String host = peer.url().getHost();
        int port = peer.url().getPort() > 0 ? peer.url().getPort() : peer.tls() == null ? 80 : 443;
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            plain.setSoTimeout(timeoutMillis);
            if (peer.tls() != null) {
                SSLSocket tls = (SSLSocket) PemTls.context(Path.of(peer.tls().certFile()), Path.of(peer.tls().keyFile()),
                        Path.of(peer.tls().trustAnchor())).getSocketFactory().createSocket(plain, host, port, true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                socket = tls;
            } else {
                socket = plain;
            }
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private byte[] request(String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(200).append("POST / HTTP/1.1\r\nHost: ").append(peer.url().getHost());
        if (peer.url().getPort() > 0) {
            head.append(':').append(peer.url().getPort());
        }
        head.append("\r\nContent-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        if (peer.basicAuth() != null) {
            head.append("Authorization: ").append(peer.basicAuth()).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    /**
     * From another thread: closes the socket under a request in progress, so that its read fails
     * at once; the thread using the connection tidies up. Safe to call at any time.
     */
    void abort() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }

    /** Closes the connection; the next request opens a new one. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
