package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relationship against a scripted partner on a manual clock: the rules that need more than
 * one step of the state machine (a partner's notification between heartbeats, counts across
 * heartbeats, time that passes while this server is stopped).
 */
class RelationshipTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();
    private final ScriptedPartner partner = new ScriptedPartner(clock::now);
    private final TestServer server = new TestServer();
    private Relationship relationship;

    @AfterEach
    void close() {
        if (relationship != null) {
            relationship.close();
        }
    }

    private Relationship relationship(String self) throws Exception {
        JsonNode parameters = JSON.readTree("{\"high-availability\": [{\"this-server-name\": \"" + self + "\","
                + " \"mode\": \"hot-standby\", \"heartbeat-delay\": 1000, \"max-response-delay\": 3000,"
                + " \"max-ack-delay\": 1000, \"max-unacked-clients\": 0,"
                + " \"peers\": [{\"name\": \"server1\", \"url\": \"http://127.0.0.1:8001/\", \"role\": \"primary\"},"
                + "             {\"name\": \"server2\", \"url\": \"http://127.0.0.2:8002/\", \"role\": \"standby\"},"
                + "             {\"name\": \"server3\", \"url\": \"http://127.0.0.3:8003/\", \"role\": \"backup\"}]}]}");
        relationship = new Relationship(HaConfigParser.parse(parameters).get(0), 0, server, partner, Set.of(), clock,
                Runnable::run);
        relationship.begin();
        return relationship;
    }

    /** Lets {@code millis} pass as the relationship's thread sees it: deadline checks every 100 ms, a tick every second. */
    private void pass(long millis) {
        for (long t = 100; t <= millis; t += 100) {
            clock.advance(100);
            relationship.checkDeadline();
            if (t % 1000 == 0) {
                relationship.tick();
            }
        }
    }

    /** The primary in hot-standby with its standby, both having started together. */
    private void primaryInHotStandby() throws Exception {
        relationship("server1");
        partner.state = HaState.WAITING;
        relationship.tick();
        assertEquals(HaState.READY, relationship.state());
        partner.state = HaState.READY;
        relationship.tick();
        assertEquals(HaState.HOT_STANDBY, relationship.state());
        partner.state = HaState.HOT_STANDBY;
    }

    /** The standby in hot-standby after synchronising from its primary. */
    private void standbyInHotStandby() throws Exception {
        relationship("server2");
        partner.state = HaState.HOT_STANDBY;
        partner.scopes = Set.of("server1");
        relationship.tick();
        assertEquals(HaState.HOT_STANDBY, relationship.state());
        assertTrue(server.serving());
    }

    @Test
    void aPartnerSynchronisingFromUsInPartnerDownKeepsOurServiceOffUntilAHeartbeatSettlesIt() throws Exception {
        primaryInHotStandby();
        partner.reachable = false;
        pass(4000);
        assertEquals(HaState.PARTNER_DOWN, relationship.state());
        assertTrue(server.serving());

        // The standby restarted and synchronised from us; serving now would give leases it never hears of.
        partner.reachable = true;
        partner.state = HaState.READY;
        relationship.syncCompleteNotified(JSON.readTree("{\"origin-id\": 2000}"));
        assertFalse(server.serving(), "partner-down serves no more once its partner has synchronised: " + server.disabledBy());

        relationship.tick();
        assertEquals(HaState.HOT_STANDBY, relationship.state());
        assertTrue(server.serving());
    }

    @Test
    void aPartnerThatSynchronisedAndIsGoneAgainLeavesUsServingAlone() throws Exception {
        primaryInHotStandby();
        partner.reachable = false;
        pass(4000);
        partner.reachable = true;
        relationship.syncCompleteNotified(JSON.readTree("{\"origin-id\": 2000}"));
        assertFalse(server.serving());

        partner.reachable = false;
        relationship.tick();
        assertEquals(HaState.PARTNER_DOWN, relationship.state());
        assertTrue(server.serving(), "the heartbeat after the notification failed: serve alone again");
    }

    @Test
    void aPartnerReadyFromASyncOlderThanLeasesWeCommittedAloneIsAskedToSynchroniseAgain() throws Exception {
        // The standby can reach us, we cannot reach it: it synchronised from us, our heartbeat failed, we served on alone.
        primaryInHotStandby();
        partner.reachable = false;
        pass(4000);
        partner.reachable = true;
        relationship.syncCompleteNotified(JSON.readTree("{\"origin-id\": 2000}"));
        partner.reachable = false;
        relationship.tick();
        assertTrue(server.serving());
        relationship.countUnsentUpdate();

        partner.reachable = true;
        partner.state = HaState.READY;
        relationship.tick();
        assertEquals(HaState.PARTNER_DOWN, relationship.state(), "not back to normal on a stale synchronisation");
        assertEquals(1, partner.sent("ha-reset"));

        // The standby synchronises again and notifies us: now both hold the same leases.
        relationship.syncCompleteNotified(JSON.readTree("{\"origin-id\": 2000}"));
        relationship.tick();
        assertEquals(HaState.HOT_STANDBY, relationship.state());
    }

    @Test
    void aPartnerThatServedAloneIsSynchronisedFromEvenWhenItsUnsentCountStoppedRisingBeforeItWasReady() throws Exception {
        standbyInHotStandby();
        long pagesBefore = partner.sent("lease4-get-page");
        partner.reachable = false;
        pass(4000);
        assertEquals(HaState.PARTNER_DOWN, relationship.state());

        // The link heals; the primary, which served alone too, passes waiting and syncing before it is ready.
        partner.reachable = true;
        partner.unsentUpdates = 138;
        partner.scopes = Set.of();
        for (HaState state : new HaState[] {HaState.WAITING, HaState.SYNCING, HaState.SYNCING}) {
            partner.state = state;
            relationship.tick();
            assertEquals(HaState.PARTNER_DOWN, relationship.state());
        }
        partner.state = HaState.READY;
        relationship.tick();
        assertTrue(partner.sent("lease4-get-page") > pagesBefore, "the 138 leases the primary committed alone are fetched");
        assertEquals(HaState.READY, relationship.state());
    }

    @Test
    void aPartnerReadyWithTheUnsentCountOfOurLastSyncIsNotSynchronisedFromAgain() throws Exception {
        standbyInHotStandby();
        long pagesBefore = partner.sent("lease4-get-page");
        partner.reachable = false;
        pass(4000);
        partner.reachable = true;
        partner.state = HaState.READY;
        partner.scopes = Set.of();
        relationship.tick();
        assertEquals(HaState.HOT_STANDBY, relationship.state());
        assertEquals(pagesBefore, partner.sent("lease4-get-page"));
    }

    @Test
    void aServerThawedAfterALongStopAsksItsPartnerBeforeDeclaringItDown() throws Exception {
        standbyInHotStandby();
        // SIGSTOP for 10 s: no deadline check runs, then a lease update times out on the thaw.
        clock.advance(10_000);
        relationship.updateFailed(relationship.partner(), "timed out", java.util.List.of());
        relationship.checkDeadline();
        assertEquals(HaState.HOT_STANDBY, relationship.state(), "10 s stopped are not 10 s of silence from the partner");

        relationship.tick();
        assertEquals(HaState.HOT_STANDBY, relationship.state());
        pass(2000);
        assertEquals(HaState.HOT_STANDBY, relationship.state());
    }

    @Test
    void aBackupCatchesUpFromThePrimaryWhenItStartsAndAfterBeingStoppedWithoutDisablingIt() throws Exception {
        relationship("server3");
        partner.leases.insert(dev.kakapo.api.lease.Lease4.assigned(dev.kakapo.api.net.Ipv4Address.parse("10.0.0.10"),
                dev.kakapo.api.net.HardwareAddress.parse("02:00:00:00:00:01"), null, 3600,
                clock.now().getEpochSecond(), 1, ""));
        relationship.tick();
        relationship.tick();
        assertEquals(HaState.BACKUP, relationship.state());
        assertEquals(1, server.leases.size(), "the lease acknowledged while the backup was down");
        assertEquals(0, partner.sent("dhcp-disable"), "the primary goes on serving");

        partner.leases.insert(dev.kakapo.api.lease.Lease4.assigned(dev.kakapo.api.net.Ipv4Address.parse("10.0.0.11"),
                dev.kakapo.api.net.HardwareAddress.parse("02:00:00:00:00:02"), null, 3600,
                clock.now().getEpochSecond(), 1, ""));
        pass(6000);
        assertEquals(1, server.leases.size(), "no catching up while nothing was missed");
        clock.advance(10_000); // SIGSTOP: the updates sent meanwhile failed
        pass(6000);
        assertEquals(2, server.leases.size());
    }

    @Test
    void aPartnerSilentForMaxResponseDelayOfOurOwnTimeIsDeclaredDown() throws Exception {
        standbyInHotStandby();
        partner.reachable = false;
        pass(2900);
        assertEquals(HaState.HOT_STANDBY, relationship.state());
        pass(1200);
        assertEquals(HaState.PARTNER_DOWN, relationship.state());
        assertTrue(server.serving());
    }

    @Test
    void theStatusShowsAStateOnlyWithTheScopesItServes() throws Exception {
        standbyInHotStandby();
        // Read the status from another thread while the takeover is under way (the relationship
        // runs this action after publishing partner-down): it must show partner-down only once
        // the primary's scope is served too, for whoever reads it may send that scope's query at once.
        java.util.concurrent.atomic.AtomicReference<JsonNode> seen = new java.util.concurrent.atomic.AtomicReference<>();
        relationship.onServingAlone(() -> {
            Thread reader = new Thread(() -> seen.set(relationship.status().path("ha-servers").path("local")));
            reader.start();
            try {
                reader.join(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        partner.reachable = false;
        pass(4100);
        assertEquals(HaState.PARTNER_DOWN, relationship.state());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        JsonNode local = seen.get();
        assertEquals("partner-down", local.path("state").asText());
        assertTrue(local.path("scopes").toString().contains("server1"), "partner-down with the primary's scope: " + local);
    }
}
