package dev.kakapo.hooks.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.hooks.RecordingLibraryHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library on loopback: /metrics served, basic authentication enforced, parameters checked with their path. */
class PrometheusExporterLibraryTest {

    private final PrometheusExporterLibrary library = new PrometheusExporterLibrary();

    @AfterEach
    void unload() {
        library.unload();
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    /** A handle whose commands answer from a tiny server. */
    private static RecordingLibraryHandle handle(JsonNode parameters) throws Exception {
        JsonNode statistics = json("{'pkt4-ack-sent': [[5, 't']]}");
        JsonNode status = json("{'uptime': 1, 'reload': 1}");
        return new RecordingLibraryHandle(parameters).answeringCommandsWith(request -> switch (request.name()) {
            case "statistic-get-all" -> CommandAnswer.success(statistics);
            case "status-get" -> CommandAnswer.success(status);
            default -> CommandAnswer.error("unknown");
        });
    }

    private static HttpResponse<String> get(int port, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(authorization.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsInTheTextFormat() throws Exception {
        library.load(handle(json("{'address': '127.0.0.1', 'port': 0}")));
        HttpResponse<String> response = get(library.port(), null);
        assertEquals(200, response.statusCode());
        assertEquals(MetricsEndpoint.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("kea_dhcp4_packets_sent_total{operation=\"ack\"} 5\n"), response.body());
        assertTrue(ExpositionFormat.check(response.body()) > 3);
    }

    @Test
    void basicAuthenticationIsEnforcedWhenConfigured() throws Exception {
        library.load(handle(json("{'port': 0, 'basic-auth-user': 'prom', 'basic-auth-password': 'secret'}")));
        assertEquals(401, get(library.port(), null).statusCode());
        assertEquals(401, get(library.port(), "prom:wrong").statusCode());
        assertEquals(200, get(library.port(), "prom:secret").statusCode());
    }

    @Test
    void parametersAreCheckedWithTheirPath() {
        assertEquals(new ExporterSettings("127.0.0.1", 9547, null, null, null, null), ExporterSettings.of(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> library.check(json("{'port': 70000}")))
                .getMessage().startsWith("parameters.port: expected a port number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> library.check(json("{'basic-auth-user': 'a'}")))
                .getMessage().contains("basic-auth-user and basic-auth-password go together"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> library.check(json("{'cert-file': '/x.pem'}")))
                .getMessage().contains("cert-file and key-file go together"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> library.check(json("{'listen': 1}")))
                .getMessage().startsWith("parameters.listen: unknown parameter"));
    }
}
