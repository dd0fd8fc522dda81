package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.net.PemTls;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends commands to a peer the way Kea's HA client does (over TLS with the peer's trust anchor,
 * certificate and key when it has them): {@code POST /} with
 * {@code Content-Type: application/json}, {@code "service": ["dhcp4"]} in the body, basic
 * authentication when configured; and reads the answer as Kea does: a JSON list whose first
 * element's {@code result} decides (a map body counts as an error).
 */
final class PeerClient implements PeerTransport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** A client per TLS peer: its trust anchor to check it, its certificate and key to present. */
    private final Map<String, HttpClient> secure = new ConcurrentHashMap<>();

    private HttpClient clientFor(PeerConfig peer) throws IOException {
        if (peer.tls() == null) {
            return plain;
        }
        HttpClient client = secure.get(peer.name());
        if (client == null) {
            SSLContext tls = PemTls.context(Path.of(peer.tls().certFile()), Path.of(peer.tls().keyFile()),
                    Path.of(peer.tls().trustAnchor()));
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .sslContext(tls).build();
            secure.put(peer.name(), client);
        }
        return client;
    }

    @Override
    public CompletableFuture<CommandAnswer> sendAsync(PeerConfig peer, String command, JsonNode arguments, Duration timeout) {
        HttpClient http;
        try {
            http = clientFor(peer);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request(peer, command, arguments, timeout), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    try {
                        return answer(peer, response);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    /**
     * The peer's answer to {@code command}.
     *
     * @throws IOException when the peer cannot be reached or its answer is not one Kea would accept
     */
    @Override
    public CommandAnswer send(PeerConfig peer, String command, JsonNode arguments, Duration timeout) throws IOException {
        HttpResponse<String> response;
        try {
            response = clientFor(peer).send(request(peer, command, arguments, timeout), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + peer.name(), e);
        }
        return answer(peer, response);
    }

    private static HttpRequest request(PeerConfig peer, String command, JsonNode arguments, Duration timeout) {
        URI root = peer.url().resolve("/");
        HttpRequest.Builder request = HttpRequest.newBuilder(root).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(command, arguments)));
        if (peer.basicAuth() != null) {
            request.header("Authorization", peer.basicAuth());
        }
        return request.build();
    }

    private static CommandAnswer answer(PeerConfig peer, HttpResponse<String> response) throws IOException {
        return answer(peer, response.statusCode(), response.body());
    }

    /** A peer's answer read as Kea reads it: a list whose first element's result decides; a map is an error. */
    static CommandAnswer answer(PeerConfig peer, int status, String body) throws IOException {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException(peer.name() + " answered HTTP " + status + " with a body that is not JSON");
        }
        if (answer == null || answer.isMissingNode()) {
            throw new IOException(peer.name() + " answered HTTP " + status + " with an empty body");
        }
        if (answer.isObject()) {
            throw new IOException(peer.name() + " answered HTTP " + status + ": " + answer.path("text").asText()
                    + " (error code " + answer.path("result").asInt(1) + ")");
        }
        if (!answer.isArray() || answer.isEmpty() || !answer.get(0).path("result").isIntegralNumber()) {
            throw new IOException(peer.name() + " answered with something other than a list of answers: " + answer);
        }
        JsonNode first = answer.get(0);
        return new CommandAnswer(first.get("result").asInt(), first.hasNonNull("text") ? first.get("text").asText() : null,
                first.get("arguments"));
    }

    /** The body of a command to a peer, as Kea's HA client writes it. */
    static String body(String command, JsonNode arguments) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("command", command);
        body.putArray("service").add("dhcp4");
        if (arguments != null) {
            body.set("arguments", arguments);
        }
        return body.toString();
    }
}
