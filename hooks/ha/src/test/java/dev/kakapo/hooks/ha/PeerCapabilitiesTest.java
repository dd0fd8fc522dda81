package dev.kakapo.hooks.ha;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit only with peers whose list-commands offers lease4-bulk-apply; Kea keeps its own protocol. */
class PeerCapabilitiesTest {

    private HttpServer peerListener;
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();

    private PeerConfig peerListing(String commands) throws IOException {
        peerListener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peerListener.createContext("/", exchange -> {
            asked.incrementAndGet();
            byte[] body = ("[{\"result\": 0, \"arguments\": [" + commands + "]}]").getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peerListener.start();
        return new PeerConfig("partner", URI.create("http://127.0.0.1:" + peerListener.getAddress().getPort() + "/"),
                PeerRole.STANDBY, true, null, null);
    }

    @AfterEach
    void stop() {
        peerListener.stop(0);
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aKakapoPeerListingTheBulkCommandGetsGroupCommittedUpdates() throws Exception {
        PeerConfig peer = peerListing("\"lease4-update\", \"lease4-bulk-apply\"");
        PeerCapabilities capabilities = new PeerCapabilities(new PeerClient(), clock::get);

        assertFalse(capabilities.takesBulkUpdates(peer), "one by one until the peer has answered");
        assertTrue(eventually(() -> capabilities.takesBulkUpdates(peer)));
        assertEquals(1, asked.get());
    }

    @Test
    void aKeaPeerKeepsOneUpdatePerRequestAndIsAskedAgainOnlyAfterTheRecheckPeriod() throws Exception {
        PeerConfig peer = peerListing("\"lease4-update\", \"lease4-del\", \"ha-heartbeat\"");
        PeerCapabilities capabilities = new PeerCapabilities(new PeerClient(), clock::get);

        capabilities.takesBulkUpdates(peer);
        assertTrue(eventually(() -> asked.get() == 1));
        Thread.sleep(100);
        assertFalse(capabilities.takesBulkUpdates(peer));
        assertEquals(1, asked.get(), "a no holds for a while");

        clock.addAndGet(PeerCapabilities.RECHECK.toNanos());
        assertFalse(capabilities.takesBulkUpdates(peer));
        assertTrue(eventually(() -> asked.get() == 2), "asked again: the peer may have been replaced");
    }
}
