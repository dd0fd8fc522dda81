package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit to a peer that takes lease4-bulk-apply, against a peer listener stand-in on loopback. */
class LeaseUpdateBatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer peerListener;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRequestMayAnswer = new CountDownLatch(1);
    private volatile Function<JsonNode, String> answers = request -> "[{\"result\": 0, \"text\": \"done\"}]";
    private LeaseUpdateBatcher batcher;

    @BeforeEach
    void start() throws IOException {
        peerListener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peerListener.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            try {
                firstRequestMayAnswer.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answers.apply(request).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peerListener.start();
        PeerConfig peer = new PeerConfig("partner", URI.create("http://127.0.0.1:" + peerListener.getAddress().getPort() + "/"),
                PeerRole.STANDBY, true, null, null);
        batcher = new LeaseUpdateBatcher(peer, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        firstRequestMayAnswer.countDown();
        batcher.close();
        peerListener.stop(0);
    }

    private static Lease4 lease(int host) {
        byte[] mac = {2, 0, 0, 0, 0, (byte) host};
        return new Lease4(Ipv4Address.parse("192.0.2." + host), HardwareAddress.of(1, mac), null, 3600, 1_800_000_000L, 1,
                false, false, "", LeaseState.DEFAULT, null, 0);
    }

    /** The {@code n}th of 65,536 distinct leases in 10.0.0.0/16. */
    private static Lease4 manyth(int n) {
        byte[] mac = {2, 0, 0, 0, (byte) (n >> 8), (byte) n};
        return new Lease4(Ipv4Address.parse("10.0." + (n >> 8 & 0xff) + "." + (n & 0xff)), HardwareAddress.of(1, mac), null, 3600,
                1_800_000_000L, 1, false, false, "", LeaseState.DEFAULT, null, 0);
    }

    /** Answers every request with {@code status} and {@code body}; notes each connection's remote address when asked. */
    private static void answerEveryRequest(HttpServer server, int status, String body, java.util.Set<Object> connections) {
        server.createContext("/", exchange -> {
            if (connections != null) {
                connections.add(exchange.getRemoteAddress());
            }
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private void awaitRequests(int count) throws InterruptedException {
        for (int i = 0; i < 250 && requests.size() < count; i++) {
            Thread.sleep(20);
        }
        assertEquals(count, requests.size());
    }

    @Test
    void updatesCommittedWhileARequestIsOnTheWireTravelTogetherInTheNext() throws Exception {
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        outcomes.add(batcher.submit(List.of(), List.of(lease(1))));
        awaitRequests(1);
        for (int host = 2; host <= 100; host++) {
            outcomes.add(batcher.submit(List.of(), List.of(lease(host))));
        }
        assertEquals(99, batcher.waiting(), "the first went alone; the rest wait for its answer");
        firstRequestMayAnswer.countDown();
        for (CompletableFuture<String> outcome : outcomes) {
            assertNull(outcome.get(5, TimeUnit.SECONDS));
        }

        assertEquals(2, requests.size());
        assertEquals("lease4-bulk-apply", requests.get(1).get("command").asText());
        JsonNode second = requests.get(1).get("arguments").get("leases");
        assertEquals(99, second.size());
        assertEquals("192.0.2.2", second.get(0).get("ip-address").asText(), "in commit order");
        assertEquals("192.0.2.100", second.get(98).get("ip-address").asText());
        assertTrue(second.get(0).get("force-create").asBoolean());
    }

    @Test
    void aSecondChangeOfAnAddressWaitsForTheNextRequest() throws Exception {
        batcher.submit(List.of(), List.of(lease(1)));
        awaitRequests(1);
        CompletableFuture<String> other = batcher.submit(List.of(), List.of(lease(2)));
        CompletableFuture<String> released = batcher.submit(List.of(lease(2)), List.of());
        firstRequestMayAnswer.countDown();
        assertNull(released.get(5, TimeUnit.SECONDS));
        assertNull(other.get(5, TimeUnit.SECONDS));

        assertEquals(3, requests.size());
        assertEquals(1, requests.get(1).get("arguments").get("leases").size());
        assertEquals("192.0.2.2", requests.get(2).get("arguments").get("deleted-leases").get(0).get("ip-address").asText());
    }

    @Test
    void aLeaseThePeerRefusedFailsOnlyItsOwnTransaction() throws Exception {
        answers = request -> "[{\"result\": 0, \"text\": \"Bulk apply of 2 IPv4 leases completed.\", \"arguments\": {"
                + "\"failed-deleted-leases\": [{\"ip-address\": \"192.0.2.9\", \"result\": 3, \"error-message\": \"IPv4 lease not found.\"}],"
                + "\"failed-leases\": [{\"ip-address\": \"192.0.2.2\", \"result\": 4, \"error-message\": \"changed meanwhile\"}]}}]";
        firstRequestMayAnswer.countDown();
        CompletableFuture<String> first = batcher.submit(List.of(lease(9)), List.of(lease(1)));
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture<String> refused = batcher.submit(List.of(), List.of(lease(2)));

        assertNull(first.get(), "a deleted lease the peer did not have is no failure");
        assertEquals("conflict: changed meanwhile (error code 4)", refused.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aPeerThatDoesNotKnowTheCommandIsReportedSoTheUpdatesGoOneByOne() {
        answers = request -> "[{\"result\": 2, \"text\": \"'lease4-bulk-apply' command not supported.\"}]";
        firstRequestMayAnswer.countDown();
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> batcher.submit(List.of(), List.of(lease(1))).get(5, TimeUnit.SECONDS));
        assertInstanceOf(LeaseUpdateBatcher.BulkRefused.class, failed.getCause());
    }

    @Test
    void aPeerWhoseListenerForbidsTheCommandIsReportedAsRefusingItToo() throws Exception {
        firstRequestMayAnswer.countDown();
        peerListener.removeContext("/");
        answerEveryRequest(peerListener, 403, "{\"result\": 1, \"text\": \"Forbidden\"}", null);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> batcher.submit(List.of(), List.of(lease(1))).get(5, TimeUnit.SECONDS));
        assertInstanceOf(LeaseUpdateBatcher.BulkRefused.class, failed.getCause());
    }

    @Test
    void requestsShareOneKeptAliveConnectionAndAClosedOneIsReplaced() throws Exception {
        firstRequestMayAnswer.countDown();
        java.util.Set<Object> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
        peerListener.removeContext("/");
        answerEveryRequest(peerListener, 200, "[{\"result\": 0}]", connections);
        for (int host = 1; host <= 5; host++) {
            assertNull(batcher.submit(List.of(), List.of(lease(host))).get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, connections.size(), "one connection for every request");

        peerListener.stop(0);
        InetSocketAddress same = peerListener.getAddress();
        peerListener = HttpServer.create(same, 0);
        answerEveryRequest(peerListener, 200, "[{\"result\": 0}]", null);
        peerListener.start();
        assertNull(batcher.submit(List.of(), List.of(lease(6))).get(5, TimeUnit.SECONDS), "the peer restarted: a new connection");
    }

    @Test
    void closingFailsWhatIsStillWaitingSoNoAnswerIsHeldForEver() throws Exception {
        batcher.submit(List.of(), List.of(lease(1)));
        awaitRequests(1);
        CompletableFuture<String> waiting = batcher.submit(List.of(), List.of(lease(2)));
        batcher.close();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IOException);
    }

    @Test
    void abandoningFailsTheRequestOnItsWayAndWhatWaitsAtOnceAndTheNextUpdatesGoOn() throws Exception {
        CompletableFuture<String> onItsWay = batcher.submit(List.of(), List.of(lease(1)));
        awaitRequests(1);
        CompletableFuture<String> waiting = batcher.submit(List.of(), List.of(lease(2)));
        long started = System.nanoTime();
        batcher.abandon("the partner is taken for down");
        assertThrows(ExecutionException.class, () -> onItsWay.get(2, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> waiting.get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "not after the 5 s request time-out");
        firstRequestMayAnswer.countDown();
        assertNull(batcher.submit(List.of(), List.of(lease(3))).get(5, TimeUnit.SECONDS), "the sender goes on");
    }

    /** A batcher to the same peer with {@code linger}, its first request answered at once. */
    private LeaseUpdateBatcher lingering(Duration linger) {
        firstRequestMayAnswer.countDown();
        batcher.close();
        PeerConfig peer = new PeerConfig("partner", URI.create("http://127.0.0.1:" + peerListener.getAddress().getPort() + "/"),
                PeerRole.STANDBY, true, null, null);
        batcher = new LeaseUpdateBatcher(peer, Duration.ofSeconds(5), linger);
        return batcher;
    }

    @Test
    void updatesComingFasterThanTheLingerWaitForEachOtherAndTravelTogether() throws Exception {
        LeaseUpdateBatcher batcher = lingering(Duration.ofMillis(60));
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int host = 1; host <= 40; host++) {
            outcomes.add(batcher.submit(List.of(), List.of(lease(host))));
            Thread.sleep(2);
        }
        for (CompletableFuture<String> outcome : outcomes) {
            assertNull(outcome.get(5, TimeUnit.SECONDS));
        }
        // Without the linger each update, 2 ms after the last, would find the answer of a loopback
        // round trip already back and go alone: about 40 requests.
        assertTrue(requests.size() <= 10, requests.size() + " requests for 40 updates");
    }

    @Test
    void updatesFewerThanOnePerLingerLeaveAloneWithoutWaitingForIt() throws Exception {
        LeaseUpdateBatcher batcher = lingering(Duration.ofMillis(800));
        for (int host = 1; host <= 4; host++) {
            // a linger wrongly applied would hold each update 800 ms: twice this bound
            assertNull(batcher.submit(List.of(), List.of(lease(host))).get(400, TimeUnit.MILLISECONDS), "update " + host);
            Thread.sleep(1000);
        }
        assertEquals(4, requests.size());
    }

    @Test
    void aFullRequestLeavesWithoutWaitingOutTheLinger() throws Exception {
        LeaseUpdateBatcher batcher = lingering(Duration.ofSeconds(60));
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 3 * LeaseUpdateBatcher.MAX_LEASES; i++) {
            outcomes.add(batcher.submit(List.of(), List.of(manyth(i))));
        }
        // the first update went alone, before the rate was known; the next two requests were full
        // (the last third waits out the linger, or the test's end)
        for (int i = 0; i < 2 * LeaseUpdateBatcher.MAX_LEASES; i++) {
            assertNull(outcomes.get(i).get(5, TimeUnit.SECONDS), "update " + i + " waited for the linger");
        }
    }

    @Test
    void theLingerComesFromTheSystemPropertyInMicroseconds() {
        String before = System.getProperty(LeaseUpdateBatcher.LINGER_PROPERTY);
        try {
            System.setProperty(LeaseUpdateBatcher.LINGER_PROPERTY, "350");
            assertEquals(Duration.ofNanos(350_000), LeaseUpdateBatcher.configuredLinger());
            System.setProperty(LeaseUpdateBatcher.LINGER_PROPERTY, "0");
            assertEquals(Duration.ZERO, LeaseUpdateBatcher.configuredLinger());
            System.setProperty(LeaseUpdateBatcher.LINGER_PROPERTY, "soon");
            assertEquals(LeaseUpdateBatcher.DEFAULT_LINGER, LeaseUpdateBatcher.configuredLinger());
            System.clearProperty(LeaseUpdateBatcher.LINGER_PROPERTY);
            assertEquals(LeaseUpdateBatcher.DEFAULT_LINGER, LeaseUpdateBatcher.configuredLinger());
        } finally {
            if (before == null) {
                System.clearProperty(LeaseUpdateBatcher.LINGER_PROPERTY);
            } else {
                System.setProperty(LeaseUpdateBatcher.LINGER_PROPERTY, before);
            }
        }
    }
}
