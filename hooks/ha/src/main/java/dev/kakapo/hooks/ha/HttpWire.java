package dev.kakapo.hooks.ha;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 messages read off a blocking stream, for both ends of the peer channel
 * ({@link PeerConnection} reads answers, {@link BlockingHttpServer} requests): the lines of a
 * head, its header fields, and a body by length or in chunks. Every read is bounded, so a peer
 * that sends nonsense costs an exception, not memory.
 */
final class HttpWire {

    /** The longest line of a head accepted, in bytes. */
    static final int MAX_LINE = 8192;
    /** The most header fields accepted in one head. */
    static final int MAX_HEADERS = 100;

    private HttpWire() {
    }

    /** The stream ended where a message could have started: the other side closed an idle connection. */
    static final class ClosedBetweenMessages extends EOFException {
        private static final long serialVersionUID = 1L;

        ClosedBetweenMessages() {
            super("the connection was closed before a message began");
        }
    }

    /** A message broke the protocol: what was wrong, for the error answer or the log. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /**
     * The first line of a message, without its CRLF; empty lines before it are skipped, as
     * RFC 9112 asks of a robust reader.
     *
     * @throws ClosedBetweenMessages when the stream ends before the line's first byte
     */
    static String startLine(InputStream in) throws IOException {
        for (int skipped = 0; skipped < 4; skipped++) {
            String line = line(in, true);
            if (!line.isEmpty()) {
                return line;
            }
        }
        throw new Malformed("empty lines where a message should start");
    }

    /**
     * The header fields up to the empty line that ends the head, names lower-cased; a field
     * that comes twice keeps its values joined by a comma.
     */
    static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line = line(in, false); !line.isEmpty(); line = line(in, false)) {
            if (fields.size() >= MAX_HEADERS) {
                throw new Malformed("more than " + MAX_HEADERS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("a header line without a field name: " + abbreviated(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            fields.merge(name, value, (first, second) -> first + ", " + second);
        }
        return fields;
    }

    /**
     * The body the head announces: chunked when {@code transfer-encoding} says so, else
     * {@code content-length} bytes, else nothing when {@code untilEnd} is false (a request) or
     * everything up to the end of the stream when it is true (an answer without a length).
     *
     * @throws Malformed when the length is not a number or the body would exceed {@code limit}
     */
    static byte[] body(InputStream in, Map<String, String> headers, long limit, boolean untilEnd) throws IOException {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked(in, limit);
        }
        String length = headers.get("content-length");
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new Malformed("Content-Length is not a number: " + abbreviated(length));
            }
            if (bytes < 0) {
                throw new Malformed("Content-Length is negative: " + bytes);
            }
            return exactly(in, bytes, limit);
        }
        if (!untilEnd) {
            return new byte[0];
        }
        byte[] rest = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
        if (rest.length > limit) {
            throw new Malformed("a body longer than " + limit + " bytes");
        }
        return rest;
    }

    /** Whether the connection stays open after this message, by its version and Connection field. */
    static boolean keepsAlive(String version, Map<String, String> headers) {
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        if (connection.contains("close")) {
            return false;
        }
        return version.equals("HTTP/1.1") || connection.contains("keep-alive");
    }

    private static byte[] chunked(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in, false);
            int semicolon = size.indexOf(';');
            int length;
            try {
                length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new Malformed("a chunk size that is not a hexadecimal number: " + abbreviated(size));
            }
            if (length < 0 || body.size() + (long) length > limit) {
                throw new Malformed("a body longer than " + limit + " bytes");
            }
            if (length == 0) {
                headers(in); // trailer fields carry nothing the HA commands use
                return body.toByteArray();
            }
            body.write(exactly(in, length, limit));
            if (!line(in, false).isEmpty()) {
                throw new Malformed("a chunk longer than its size");
            }
        }
    }

    private static byte[] exactly(InputStream in, long length, long limit) throws IOException {
        if (length > limit) {
            throw new Malformed("a body of " + length + " bytes, more than the " + limit + " accepted");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("the connection was closed in the middle of a message");
        }
        return bytes;
    }

    /** One line without its CRLF (a bare LF ends a line too). */
    private static String line(InputStream in, boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        boolean any = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && !any) {
                    throw new ClosedBetweenMessages();
                }
                throw new EOFException("the connection was closed in the middle of a message");
            }
            any = true;
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > MAX_LINE) {
                throw new Malformed("a line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
