package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.net.PemTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP listener on this server's own peer URL, as Kea's dedicated HA listener: partners'
 * {@code POST}s carry one command ({@code service} accepted and ignored), answered through the
 * server's command dispatcher (lease commands, dhcp-disable, the HA commands) as a one-element
 * list. With {@code restrict-commands} (on by default, as in Kea 3) any other command gets 403.
 * Unlike Kea, it checks the basic-auth credentials configured for this server.
 */
final class PeerListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerListener.class);
    static {
        // The JDK's HTTP server leaves Nagle's algorithm on: an answer written in two pieces then
        // waits for the client's delayed ACK, 40 ms per request, which caps a peer's lease updates
        // at about 25 a second per connection. The property is read once, when the server classes
        // load; the launcher sets it too (jvm.options).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final LibraryHandle handle;
    /**
     * What peers send each other: Kea 3's allow-list when restrict-commands is on, and Kakapo's
     * lease4-bulk-apply, which Kakapo peers send each other instead of lease4-update.
     */
    static final Set<String> PEER_COMMANDS = Set.of("list-commands", "status-get", "dhcp-disable", "dhcp-enable", "ha-reset",
            "ha-heartbeat", "lease4-update", "lease4-del", "lease4-bulk-apply", "lease4-get-all", "lease4-get-page",
            "ha-maintenance-notify", "ha-sync-complete-notify");

    private final String expectedAuthorization;
    private final boolean restrictCommands;

    PeerListener(PeerConfig self, boolean restrictCommands, boolean requireClientCerts, LibraryHandle handle) throws IOException {
        this.handle = handle;
        this.expectedAuthorization = self.basicAuth();
        this.restrictCommands = restrictCommands;
        InetSocketAddress address = new InetSocketAddress(self.url().getHost(), self.url().getPort());
        if (self.tls() != null) {
            SSLContext tls = PemTls.context(Path.of(self.tls().certFile()), Path.of(self.tls().keyFile()),
                    Path.of(self.tls().trustAnchor()));
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = tls.getDefaultSSLParameters();
                    ssl.setNeedClientAuth(requireClientCerts);
                    parameters.setSSLParameters(ssl);
                }
            });
            this.server = https;
        } else {
            this.server = HttpServer.create(address, 64);
        }
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "kakapo-ha-listener-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::serve);
        server.start();
        LOG.info("HA_LISTENER_STARTED peer commands on {}", self.url());
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"kea-dhcpv4-server\"");
                respond(exchange, 401, JsonNodeFactory.instance.objectNode().put("result", 401).put("text", "Unauthorized"));
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in.readNBytes(64 * 1024 * 1024));
            } catch (IOException e) {
                respond(exchange, 400, JsonNodeFactory.instance.objectNode().put("result", 400).put("text", "Bad Request"));
                return;
            }
            if (restrictCommands && !PEER_COMMANDS.contains(request.path("command").asText())) {
                respond(exchange, 403, JsonNodeFactory.instance.objectNode().put("result", 403).put("text", "Forbidden"));
                return;
            }
            ArrayNode answer = JsonNodeFactory.instance.arrayNode();
            answer.add(dispatch(request).toJson());
            respond(exchange, 200, answer);
        } catch (IOException | RuntimeException e) {
            LOG.debug("HA_LISTENER_EXCHANGE_FAILED {}", e.toString());
        }
    }

    private CommandAnswer dispatch(JsonNode request) {
        if (request == null || !request.isObject() || !request.path("command").isTextual()) {
            return CommandAnswer.error("Error during command processing: Invalid command Element specified, expected map");
        }
        for (Iterator<String> keys = request.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("command") && !key.equals("arguments") && !key.equals("service") && !key.equals("remote-address")) {
                return CommandAnswer.error("Error during command processing: Received command contains unsupported parameter '"
                        + key + "'");
            }
        }
        return handle.execute(new CommandRequest(request.get("command").asText(), request.get("arguments")));
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
