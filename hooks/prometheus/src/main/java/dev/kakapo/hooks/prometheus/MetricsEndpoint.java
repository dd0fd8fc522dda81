package dev.kakapo.hooks.prometheus;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.kakapo.api.net.PemTls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** {@code /metrics} over HTTP or HTTPS, with basic authentication when configured; one scrape per request. */
final class MetricsEndpoint implements AutoCloseable {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService threads;

    MetricsEndpoint(ExporterSettings settings, Supplier<String> metrics) throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.address(), settings.port());
        if (settings.certFile() != null) {
            HttpsServer https = HttpsServer.create(address, 16);
            https.setHttpsConfigurator(new HttpsConfigurator(PemTls.context(Path.of(settings.certFile()),
                    Path.of(settings.keyFile()), null)));
            server = https;
        } else {
            server = HttpServer.create(address, 16);
        }
        HttpContext context = server.createContext("/metrics", exchange -> answer(exchange, metrics));
        if (settings.user() != null) {
            context.setAuthenticator(new BasicAuthenticator("kakapo") {
                @Override
                public boolean checkCredentials(String user, String password) {
                    return constantTimeEquals(user, settings.user()) & constantTimeEquals(password, settings.password());
                }
            });
        }
        threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kakapo-prometheus");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
    }

    /** The port the endpoint listens on (the configured one, or the one the system chose for 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Supplier<String> metrics) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try {
                body = metrics.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                body = ("# scrape failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                exchange.sendResponseHeaders(500, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
