package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.Callout;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.LeaseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The peer listener over HTTP: credentials, the peers' allow-list, and Kea's answer shape. */
class PeerListenerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The commands that reached the server's dispatcher. */
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PeerListener listener;
    private URI url;

    private void start(String basicAuth) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        url = URI.create("http://127.0.0.1:" + port + "/");
        listener = new PeerListener(new PeerConfig("self", url, PeerRole.STANDBY, true, basicAuth, null), true, false,
                new Dispatcher());
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPeerCommandIsAnsweredAsAOneElementList() throws Exception {
        start(null);
        HttpResponse<String> answer = post("{\"command\": \"ha-heartbeat\", \"service\": [\"dhcp4\"]}", null);
        assertEquals(200, answer.statusCode());
        JsonNode list = JSON.readTree(answer.body());
        assertEquals(1, list.size());
        assertEquals("ran ha-heartbeat", list.get(0).get("text").asText());
        assertEquals(List.of("ha-heartbeat"), executed);
    }

    @Test
    void withCredentialsConfiguredOnlyARequestCarryingThemIsServed() throws Exception {
        start("Basic aGE6czNjcmV0");
        String heartbeat = "{\"command\": \"ha-heartbeat\"}";
        HttpResponse<String> anonymous = post(heartbeat, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"kea-dhcpv4-server\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("{\"result\":401,\"text\":\"Unauthorized\"}", anonymous.body());
        assertEquals(401, post(heartbeat, "Basic d3Jvbmc6d3Jvbmc=").statusCode());
        assertEquals(List.of(), executed);

        assertEquals(200, post(heartbeat, "Basic aGE6czNjcmV0").statusCode());
        assertEquals(List.of("ha-heartbeat"), executed);
    }

    @Test
    void whatPeersDoNotSendEachOtherIsForbiddenAndNonsenseIsABadRequest() throws Exception {
        start(null);
        HttpResponse<String> shutdown = post("{\"command\": \"shutdown\"}", null);
        assertEquals(403, shutdown.statusCode());
        assertEquals("{\"result\":403,\"text\":\"Forbidden\"}", shutdown.body());
        HttpResponse<String> garbage = post("{not json", null);
        assertEquals(400, garbage.statusCode());
        assertEquals(List.of(), executed);
    }

    /** The server's command dispatcher, as far as the listener uses it. */
    private final class Dispatcher implements LibraryHandle {
        @Override
        public CommandAnswer execute(CommandRequest request) {
            executed.add(request.name());
            return CommandAnswer.success("ran " + request.name());
        }

        @Override
        public JsonNode parameters() {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode configuration() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SubnetInfo> subnets() {
            throw new UnsupportedOperationException();
        }

        @Override
        public LeaseStore leases() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean multiThreading() {
            return true;
        }

        @Override
        public <C> void callout(HookPoint<C> point, Callout<? super C> callout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void command(String name, CommandHandler handler) {
            throw new UnsupportedOperationException();
        }
    }
}
