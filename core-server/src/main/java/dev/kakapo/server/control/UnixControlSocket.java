package dev.kakapo.server.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kakapo.api.command.CommandAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kea's unix control socket: a client connects, writes one JSON command (in as many writes as it
 * likes, no framing), gets the answer map and the connection is closed. Whatever follows the
 * first command is ignored, as Kea ignores it. A client that sends no complete command within
 * {@value #TIMEOUT_SECONDS} seconds gets Kea's time-out answer. The socket file is readable and
 * writable by its owner only.
 */
public final class UnixControlSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnixControlSocket.class);
    /** How long a client may take to send its command. */
    static final int TIMEOUT_SECONDS = 10;
    private static final int MAX_COMMAND_BYTES = 64 * 1024 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final Path path;
    private final ServerSocketChannel server;
    private final CommandDispatcher dispatcher;
    private final ExecutorService workers;
    private final ScheduledExecutorService timeouts;
    private final Thread acceptor;
    private final long timeoutMillis;

    /**
     * Listens on {@code path}, answering with {@code dispatcher}.
     *
     * @throws IOException when the path is taken by a live socket or cannot be bound
     */
    public UnixControlSocket(Path path, CommandDispatcher dispatcher) throws IOException {
        this(path, dispatcher, TIMEOUT_SECONDS * 1000L);
    }

    /** Listens on {@code path} with a time-out of its own for slow clients (tests). */
    UnixControlSocket(Path path, CommandDispatcher dispatcher, long timeoutMillis) throws IOException {
        this.path = path;
        this.timeoutMillis = timeoutMillis;
        this.dispatcher = dispatcher;
        removeStale(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, runnable -> daemon(runnable, "kakapo-command-" + count.incrementAndGet()));
        this.timeouts = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "kakapo-command-timeout"));
        this.acceptor = daemon(this::accept, "kakapo-control " + path);
        acceptor.start();
        LOG.info("COMMAND_SOCKET_OPENED control commands on unix socket {}", path);
    }

    /** The socket's path. */
    public Path path() {
        return path;
    }

    /** A socket file left by a server that is gone is removed; one a live server answers on is not. */
    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException("control socket " + path + " is in use by another process");
        } catch (IOException refused) {
            if (refused.getMessage() != null && refused.getMessage().contains("in use by another process")) {
                throw refused;
            }
            Files.delete(path);
        }
    }

    private void accept() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                LOG.warn("COMMAND_ACCEPTOR_FAILED on {}: {}", path, e.toString());
                continue;
            }
            try {
                workers.execute(() -> serve(client));
            } catch (RuntimeException rejected) {
                closeQuietly(client);
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer;
        try {
            timer = timeouts.schedule(() -> {
                timedOut.set(true);
                try {
                    client.shutdownInput();
                } catch (IOException ignored) {
                    // the reader sees the end of input either way
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            closeQuietly(client);
            return;
        }
        try (client) {
            CommandAnswer answer = read(client, timedOut);
            timer.cancel(false);
            if (answer != null) {
                byte[] out = answer.toJson().toString().getBytes(StandardCharsets.UTF_8);
                ByteBuffer buffer = ByteBuffer.wrap(out);
                while (buffer.hasRemaining()) {
                    client.write(buffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("COMMAND_SOCKET_CONNECTION_FAILED on {}: {}", path, e.toString());
        } finally {
            timer.cancel(false);
        }
    }

    /** Reads one command and answers it; null when the client went away without sending anything. */
    private CommandAnswer read(SocketChannel client, AtomicBoolean timedOut) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            buffer.clear();
            int n = client.read(buffer);
            if (n < 0) {
                if (timedOut.get()) {
                    return CommandAnswer.error("Connection over control channel timed out"
                            + (received.size() > 0 ? ", discarded partial command of " + received.size() + " bytes" : ""));
                }
                return received.size() == 0 ? null : parseAndDispatch(received.toByteArray(), true);
            }
            received.write(buffer.array(), 0, n);
            if (received.size() > MAX_COMMAND_BYTES) {
                return CommandAnswer.error("command too large: more than " + MAX_COMMAND_BYTES + " bytes");
            }
            CommandAnswer answer = parseAndDispatch(received.toByteArray(), false);
            if (answer != null) {
                return answer;
            }
        }
    }

    /** The answer to the first JSON value in {@code bytes}; null when it is not complete yet and more may come. */
    private CommandAnswer parseAndDispatch(byte[] bytes, boolean atEnd) {
        JsonNode request;
        try (JsonParser parser = JSON.createParser(bytes)) {
            request = JSON.readTree(parser);
        } catch (JsonEOFException incomplete) {
            return atEnd ? CommandAnswer.error("invalid command: incomplete JSON: " + incomplete.getOriginalMessage()) : null;
        } catch (JsonProcessingException e) {
            return CommandAnswer.error(syntaxError(bytes, e));
        } catch (IOException e) {
            return CommandAnswer.error("invalid command: " + e.getMessage());
        }
        if (request == null) {
            return atEnd ? CommandAnswer.error("invalid command: no JSON value") : null;
        }
        return dispatcher.dispatch(request);
    }

    /** Kea's words when the very first character cannot start a JSON value; Jackson's otherwise. */
    private static String syntaxError(byte[] bytes, JsonProcessingException e) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                boolean canStart = b == '{' || b == '[' || b == '"' || b == '-' || b >= '0' && b <= '9'
                        || b == 't' || b == 'f' || b == 'n' || b == '/' || b == '#';
                return canStart ? "invalid command: " + e.getOriginalMessage() : "invalid first character " + (char) (b & 0xff);
            }
        }
        return "invalid command: " + e.getOriginalMessage();
    }

    /**
     * Stops listening and removes the socket file. Commands being answered finish on their own
     * (one of them may be the config-set that closes this socket, so nothing waits for them).
     */
    @Override
    public void close() {
        closeQuietly(server);
        workers.shutdown();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timeouts.shutdown();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("COMMAND_SOCKET_REMOVE_FAILED {}: {}", path, e.toString());
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
