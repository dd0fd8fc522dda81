package dev.kakapo.server.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.kakapo.api.net.PemTls;
import dev.kakapo.server.config.ControlSocketConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kea 3's HTTP and HTTPS control socket: {@code POST} with {@code Content-Type: application/json}
 * and one command in the body, answered with the command's answer wrapped in a one-element list
 * (as Kea's control agent answers). Basic authentication as the socket's {@code authentication}
 * says (401 with {@code WWW-Authenticate} otherwise), TLS with client certificates when
 * {@code cert-required}. A body that is not JSON gets 400, another method 405 — each a single
 * map, not a list, as Kea sends them.
 */
public final class HttpControlSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpControlSocket.class);
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    static {
        // The JDK's HTTP server leaves Nagle's algorithm on: an answer written in two pieces then
        // waits for the client's delayed ACK, 40 ms per request, which caps a peer's lease updates
        // at about 25 a second per connection. The property is read once, when the server classes
        // load; the launcher sets it too (jvm.options).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final ControlSocketConfig config;
    private final CommandDispatcher dispatcher;
    private final Set<String> credentials;
    private final HttpServer server;
    private final ExecutorService workers;

    /**
     * Listens where {@code config} says and answers with {@code dispatcher}.
     *
     * @throws IOException when the address cannot be bound, or a credential or TLS file cannot be read
     */
    public HttpControlSocket(ControlSocketConfig config, CommandDispatcher dispatcher) throws IOException {
        this.config = config;
        this.dispatcher = dispatcher;
        this.credentials = credentials(config.authentication());
        InetSocketAddress address = new InetSocketAddress(config.address(), config.port());
        if ("https".equals(config.type())) {
            SSLContext tls = PemTls.context(Path.of(config.certFile()), Path.of(config.keyFile()), Path.of(config.trustAnchor()));
            HttpsServer https = HttpsServer.create(address, 64);
            boolean needClientCertificate = config.certRequired();
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = tls.getDefaultSSLParameters();
                    ssl.setNeedClientAuth(needClientCertificate);
                    parameters.setSSLParameters(ssl);
                }
            });
            this.server = https;
        } else {
            this.server = HttpServer.create(address, 64);
        }
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "kakapo-http-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::serve);
        server.start();
        LOG.info("COMMAND_HTTP_SOCKET_OPENED control commands on {}://{}:{}{}", config.type(), config.address(),
                server.getAddress().getPort(), credentials.isEmpty() ? "" : " with basic authentication");
    }

    /** The port listened on (useful when the configuration asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The accepted {@code Authorization: Basic} values; empty when no authentication is configured. */
    private static Set<String> credentials(ControlSocketConfig.BasicAuthentication authentication) throws IOException {
        Set<String> accepted = new HashSet<>();
        if (authentication == null) {
            return accepted;
        }
        for (ControlSocketConfig.Client client : authentication.clients()) {
            String user = client.user() != null ? client.user() : read(authentication.directory(), client.userFile());
            String password = client.password() != null ? client.password() : read(authentication.directory(), client.passwordFile());
            accepted.add(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return accepted;
    }

    private static String read(String directory, String file) throws IOException {
        if (file == null) {
            return "";
        }
        Path path = directory == null ? Path.of(file) : Path.of(directory).resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            for (ControlSocketConfig.HttpHeader header : config.httpHeaders()) {
                exchange.getResponseHeaders().add(header.name(), header.value());
            }
            if (!credentials.isEmpty() && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + config.authentication().realm() + "\"");
                respond(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error(405, "Method Not Allowed"));
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.trim().toLowerCase(Locale.ROOT).equals("application/json")) {
                respond(exchange, 400, error(400, "Bad Request"));
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    respond(exchange, 413, error(413, "Request Entity Too Large"));
                    return;
                }
                request = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                respond(exchange, 400, error(400, "Bad Request"));
                return;
            }
            ArrayNode answer = JsonNodeFactory.instance.arrayNode();
            answer.add(dispatcher.dispatch(request).toJson());
            respond(exchange, 200, answer);
        } catch (IOException | RuntimeException e) {
            LOG.debug("COMMAND_HTTP_EXCHANGE_FAILED {}", e.toString());
        }
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        String value = header.trim();
        if (value.length() < 6 || !value.substring(0, 6).equalsIgnoreCase("Basic ")) {
            return false;
        }
        return credentials.contains(value.substring(6).trim());
    }

    private static ObjectNode error(int status, String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("result", status);
        body.put("text", text);
        return body;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening; exchanges under way get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
    }
}
