package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.net.PemTls;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.config.ControlSocketConfig;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Kea 3's HTTP(S) control socket: list-wrapped answers, basic authentication, TLS with client certificates. */
class HttpControlSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Dhcp4Server server;
    private CommandDispatcher dispatcher;
    private HttpControlSocket socket;

    @BeforeEach
    void start() throws Exception {
        server = Dhcp4Server.builder().withoutSockets().configText("{\"Dhcp4\": {\"lease-database\": {\"type\": \"memfile\", "
                + "\"persist\": false}, \"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\"}]}}").start();
        dispatcher = new ServerCommands(server, HookLibraryCatalog.fromClassPath(), null, exit -> { }).dispatcher();
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }

    private HttpControlSocket open(ControlSocketConfig.BasicAuthentication auth, String... tls) throws IOException {
        boolean https = tls.length == 3;
        return new HttpControlSocket(new ControlSocketConfig(https ? "https" : "http", null, "127.0.0.1", 0, auth,
                https ? tls[0] : null, https ? tls[1] : null, https ? tls[2] : null, true,
                List.of(new ControlSocketConfig.HttpHeader("X-Kakapo-Test", "yes")), null), dispatcher);
    }

    private static HttpRequest.Builder post(String scheme, int port, String body) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersWithAOneElementListAndTheConfiguredHeaders() throws Exception {
        socket = open(null);
        HttpResponse<String> response = HttpClient.newHttpClient().send(post("http", socket.port(), "{\"command\": \"status-get\"}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("yes", response.headers().firstValue("X-Kakapo-Test").orElseThrow());
        assertTrue(response.headers().firstValue("Date").isPresent());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.isArray() && body.size() == 1, response.body());
        assertEquals(0, body.get(0).get("result").asInt());
    }

    @Test
    void refusesWhatKeaRefusesWithASingleMap() throws Exception {
        socket = open(null);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> broken = client.send(post("http", socket.port(), "{ not json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, broken.statusCode());
        assertEquals("{\"result\":400,\"text\":\"Bad Request\"}", broken.body());
        HttpResponse<String> charset = client.send(post("http", socket.port(), "{\"command\": \"status-get\"}")
                .setHeader("Content-Type", "application/json; charset=utf-8").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, charset.statusCode(), "Kea wants the bare media type");
        HttpResponse<String> notAMap = client.send(post("http", socket.port(), "[1]").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, notAMap.statusCode());
        assertEquals(1, JSON.readTree(notAMap.body()).get(0).get("result").asInt());
    }

    @Test
    void basicAuthenticationLetsOnlyTheConfiguredClientsIn() throws Exception {
        Files.writeString(dir.resolve("password"), "s3cret\n");
        socket = open(new ControlSocketConfig.BasicAuthentication("kea-dhcpv4-server", dir.toString(), List.of(
                new ControlSocketConfig.Client("admin", "1234", null, null),
                new ControlSocketConfig.Client("ops", null, null, "password"))));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = client.send(post("http", socket.port(), "{\"command\": \"list-commands\"}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"kea-dhcpv4-server\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("{\"result\":401,\"text\":\"Unauthorized\"}", anonymous.body());
        assertEquals(401, client.send(post("http", socket.port(), "{\"command\": \"list-commands\"}")
                .header("Authorization", basic("admin", "wrong")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, client.send(post("http", socket.port(), "{\"command\": \"list-commands\"}")
                .header("Authorization", basic("admin", "1234")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, client.send(post("http", socket.port(), "{\"command\": \"list-commands\"}")
                .header("Authorization", basic("ops", "s3cret")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void httpsServesClientsWithACertificateOfItsTrustAnchorOnly() throws Exception {
        assumeTrue(Commands.onPath("openssl"), "needs openssl to make certificates; .ci/run installs it");
        TestPki pki = new TestPki(dir);
        Path ca = pki.make("ca", null);
        Path serverCert = pki.make("server", ca);
        Path clientCert = pki.make("client", ca);
        socket = open(null, ca.toString(), serverCert.toString(), dir.resolve("server.key").toString());
        SSLContext withCertificate = PemTls.context(clientCert, dir.resolve("client.key"), ca);
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(withCertificate).build()
                .send(post("https", socket.port(), "{\"command\": \"version-get\"}").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        Path stranger = pki.make("stranger-ca", null);
        SSLContext trustingOnly = PemTls.context(pki.make("stranger", stranger), dir.resolve("stranger.key"), ca);
        assertThrows(IOException.class, () -> HttpClient.newBuilder().sslContext(trustingOnly).build()
                .send(post("https", socket.port(), "{\"command\": \"version-get\"}").build(), HttpResponse.BodyHandlers.ofString()),
                "a certificate the trust anchor did not sign is refused");
    }
}
