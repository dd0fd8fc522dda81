package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HA relationship: this server's state machine in it, what it knows of its partner, and the
 * scopes it serves. Its own thread sends a heartbeat every {@code heartbeat-delay} and runs the
 * state machine after it, with Kea's transitions; packet threads only read its volatile state.
 */
final class Relationship implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relationship.class);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
    /** How often a failed partner's deadline is checked between heartbeats. */
    private static final long DEADLINE_CHECK_MS = 100;
    /** NetworkState origin of this relationship's own disables (Kea 2.6: 1000 + relationship index). */
    private final int localOrigin;
    /** The origin a partner's disable carries (Kea 2.6: 2000 + the sender's index; Kea 2.2's "ha-partner"). */
    private final int remoteOrigin;

    private final HaConfig config;
    private final LibraryHandle server;
    private final PeerClient client;
    private final PeerConfig self;
    private final PeerConfig partner;
    private final ScheduledExecutorService thread;
    private final long startNanos = System.nanoTime();
    private final UnackedClients unacked;
    private final AtomicLong unsentUpdates = new AtomicLong();
    private final UpdateStatistics updateStatistics;
    private final Set<String> pausedOnce = new LinkedHashSet<>();
    private final UpdateBacklog backlog;
    /** Clients whose updates the partner refused as conflicts (result 4), with when the record lapses. */
    private final java.util.Map<java.nio.ByteBuffer, Long> rejectedClients = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile HaState state = HaState.WAITING;
    private volatile HaState previousState = HaState.WAITING;
    private volatile Set<String> scopes = Set.of();
    private volatile boolean paused;
    private volatile HaState partnerState;
    private volatile Set<String> partnerScopes = Set.of();
    private volatile long lastContactNanos;
    private volatile boolean inTouch;
    private volatile Long clockSkewSeconds;
    private volatile long partnerUnsent;
    private volatile long partnerUnsentPrevious;
    private volatile long lastSkewWarningNanos;

    /** The subnets mapped to this relationship (hub and spoke); empty when every lease is its concern. */
    private final Set<Long> subnets;

    Relationship(HaConfig config, int index, LibraryHandle server, PeerClient client, Set<Long> subnets) {
        this.config = config;
        this.subnets = Set.copyOf(subnets);
        this.server = server;
        this.client = client;
        this.self = config.self();
        this.partner = config.partner();
        this.localOrigin = 1000 + index;
        this.remoteOrigin = 2000 + index;
        this.lastContactNanos = startNanos;
        this.unacked = new UnackedClients(config.maxAckDelay());
        this.backlog = new UpdateBacklog(config.delayedUpdatesLimit());
        this.updateStatistics = new UpdateStatistics(server, config.thisServerName());
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "kakapo-ha-" + config.thisServerName());
            t.setDaemon(true);
            return t;
        });
    }

    HaConfig config() {
        return config;
    }

    HaState state() {
        return state;
    }

    /** Whether {@code subnetId} is one of this relationship's subnets. */
    boolean owns(long subnetId) {
        return subnets.contains(subnetId);
    }

    /**
     * Starts the state machine: the service off until the relationship allows it, then a tick
     * every heartbeat-delay, and between ticks a check for a failed partner's deadline.
     */
    void start() {
        thread.execute(() -> enter(HaState.WAITING));
        long period = config.heartbeatDelay() > 0 ? config.heartbeatDelay() : 1000;
        thread.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::checkDeadline, DEADLINE_CHECK_MS, DEADLINE_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * A partner that stopped answering while this server serves goes down as soon as
     * max-response-delay has passed since its last answer, not at the next heartbeat after that:
     * the take-over then comes 2 to 3 s after a crash with Kea's usual timers (1 s, 3 s) instead
     * of 2 to 4 s. Only the deadline is checked here; everything else waits for the tick.
     */
    private void checkDeadline() {
        try {
            HaState current = state;
            if (partner != null && partnerState == HaState.UNAVAILABLE && communicationInterrupted()
                    && (current == HaState.HOT_STANDBY || current == HaState.LOAD_BALANCING
                    || current == HaState.COMMUNICATION_RECOVERY)) {
                runStateMachine();
            }
        } catch (RuntimeException e) {
            LOG.error("HA_STATE_MACHINE_FAILED {}: {}", config.thisServerName(), e.toString(), e);
        }
    }

    private void tick() {
        try {
            if (partner != null && config.heartbeatDelay() > 0 && heartbeatsIn(state)) {
                heartbeat();
            }
            runStateMachine();
        } catch (RuntimeException e) {
            LOG.error("HA_STATE_MACHINE_FAILED {}: {}", config.thisServerName(), e.toString(), e);
        }
    }

    private static boolean heartbeatsIn(HaState state) {
        return state != HaState.PASSIVE_BACKUP && state != HaState.BACKUP && state != HaState.TERMINATED
                && state != HaState.SYNCING;
    }

    // ---------------------------------------------------------------- communication with the partner

    private void heartbeat() {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("server-name", config.thisServerName());
        try {
            CommandAnswer answer = client.send(partner, "ha-heartbeat", arguments, PEER_TIMEOUT);
            if (answer.result() != CommandAnswer.RESULT_SUCCESS || answer.arguments() == null) {
                throw new IOException("heartbeat answered " + answer.result() + ": " + answer.text());
            }
            JsonNode status = answer.arguments();
            HaState reported = HaState.of(status.path("state").asText());
            Instant partnerTime = Rfc1123.parse(status.path("date-time").asText());
            if (reported == null || partnerTime == null) {
                throw new IOException("heartbeat answer without a known state and an RFC 1123 date-time: " + status);
            }
            Set<String> reportedScopes = new LinkedHashSet<>();
            status.path("scopes").forEach(s -> {
                if (!s.asText().isEmpty()) {
                    reportedScopes.add(s.asText());
                }
            });
            partnerUnsentPrevious = partnerUnsent;
            partnerUnsent = status.path("unsent-update-count").asLong(0);
            partnerState = reported;
            partnerScopes = Set.copyOf(reportedScopes);
            lastContactNanos = System.nanoTime();
            inTouch = true;
            unacked.clear();
            checkClockSkew(partnerTime);
        } catch (IOException | RuntimeException e) {
            partnerUnavailable(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private void checkClockSkew(Instant partnerTime) {
        long skew = partnerTime.getEpochSecond() - Instant.now().getEpochSecond();
        clockSkewSeconds = skew;
        if (Math.abs(skew) > 30 && System.nanoTime() - lastSkewWarningNanos > 60_000_000_000L) {
            lastSkewWarningNanos = System.nanoTime();
            LOG.warn("HA_HIGH_CLOCK_SKEW {}: the clock of {} is {} s off ours", config.thisServerName(), partner.name(), skew);
        }
    }

    private void partnerUnavailable(String why) {
        if (partnerState != HaState.UNAVAILABLE) {
            LOG.warn("HA_COMMUNICATION_FAILED {}: {} is unavailable: {}", config.thisServerName(),
                    partner == null ? "partner" : partner.name(), why);
        }
        if (partnerState != null || inTouch) {
            partnerState = HaState.UNAVAILABLE;
        }
        clockSkewSeconds = null;
    }

    /** Whether no heartbeat succeeded for longer than max-response-delay (counted from start at first). */
    boolean communicationInterrupted() {
        return System.nanoTime() - lastContactNanos > config.maxResponseDelay() * 1_000_000L;
    }

    private boolean shouldPartnerDown() {
        if (!communicationInterrupted()) {
            return false;
        }
        if (state.serving() && (config.mode() == HaMode.LOAD_BALANCING || self.role() == PeerRole.STANDBY)) {
            return config.maxUnackedClients() == 0 || unacked.count() > config.maxUnackedClients();
        }
        return true;
    }

    // ---------------------------------------------------------------- the state machine

    private HaState normalState() {
        if (self.role() == PeerRole.BACKUP) {
            return HaState.BACKUP;
        }
        switch (config.mode()) {
            case LOAD_BALANCING:
                return HaState.LOAD_BALANCING;
            case HOT_STANDBY:
                return HaState.HOT_STANDBY;
            default:
                return HaState.PASSIVE_BACKUP;
        }
    }

    private boolean partnerStateInconsistent(HaState partner) {
        return partner == HaState.COMMUNICATION_RECOVERY && config.mode() != HaMode.LOAD_BALANCING
                || partner == HaState.HOT_STANDBY && config.mode() != HaMode.HOT_STANDBY
                || partner == HaState.LOAD_BALANCING && config.mode() != HaMode.LOAD_BALANCING;
    }

    private synchronized void runStateMachine() {
        if (paused) {
            return;
        }
        HaState current = state;
        HaState other = partnerState;
        boolean unavailable = other == null || other == HaState.UNAVAILABLE;
        if (current == HaState.BACKUP || current == HaState.PASSIVE_BACKUP || current == HaState.TERMINATED
                || current == HaState.IN_MAINTENANCE) {
            return;
        }
        if (Math.abs(Optional.ofNullable(clockSkewSeconds).orElse(0L)) > 60) {
            LOG.error("HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION {}: the partner's clock is {} s off", config.thisServerName(),
                    clockSkewSeconds);
            enter(HaState.TERMINATED);
            return;
        }
        if (current == HaState.PARTNER_IN_MAINTENANCE) {
            if (unavailable) {
                enter(HaState.PARTNER_DOWN);
            }
            return;
        }
        if (!unavailable && partnerStateInconsistent(other) && current != HaState.WAITING) {
            enter(HaState.WAITING);
            return;
        }
        switch (current) {
            case WAITING:
                waiting(other, unavailable);
                break;
            case SYNCING:
                if (other == HaState.TERMINATED) {
                    enter(HaState.TERMINATED);
                } else if (unavailable) {
                    goPartnerDownIfFailed();
                } else if (synchronize(partner, config.syncTimeout() / 1000)) {
                    enter(HaState.READY);
                }
                break;
            case READY:
                ready(other, unavailable);
                break;
            case LOAD_BALANCING:
            case HOT_STANDBY:
                normal(other, unavailable);
                break;
            case COMMUNICATION_RECOVERY:
                communicationRecovery(other, unavailable);
                break;
            case PARTNER_DOWN:
                partnerDown(other, unavailable);
                break;
            default:
                break;
        }
    }

    /** The partner does not answer: partner-down once Kea's failure detection says so. */
    private void goPartnerDownIfFailed() {
        if (shouldPartnerDown()) {
            enter(HaState.PARTNER_DOWN);
        }
    }

    private void waiting(HaState other, boolean unavailable) {
        if (self.role() == PeerRole.BACKUP) {
            enter(HaState.BACKUP);
            return;
        }
        if (config.mode() == HaMode.PASSIVE_BACKUP) {
            enter(HaState.PASSIVE_BACKUP);
            return;
        }
        if (unavailable) {
            goPartnerDownIfFailed();
            return;
        }
        switch (other) {
            case COMMUNICATION_RECOVERY:
            case HOT_STANDBY:
            case LOAD_BALANCING:
            case IN_MAINTENANCE:
            case PARTNER_DOWN:
            case PARTNER_IN_MAINTENANCE:
            case READY:
                enter(config.syncLeases() ? HaState.SYNCING : HaState.READY);
                break;
            case WAITING:
                if (self.role() == PeerRole.PRIMARY) {
                    enter(config.syncLeases() ? HaState.SYNCING : HaState.READY);
                }
                break;
            default:
                break; // syncing or terminated: wait
        }
    }

    private void ready(HaState other, boolean unavailable) {
        if (unavailable) {
            goPartnerDownIfFailed();
            return;
        }
        switch (other) {
            case HOT_STANDBY:
            case LOAD_BALANCING:
            case COMMUNICATION_RECOVERY:
                enter(normalState());
                break;
            case IN_MAINTENANCE:
                enter(HaState.PARTNER_IN_MAINTENANCE);
                break;
            case PARTNER_IN_MAINTENANCE:
                enter(HaState.IN_MAINTENANCE);
                break;
            case READY:
                if (self.role() == PeerRole.PRIMARY) {
                    enter(normalState());
                }
                break;
            case TERMINATED:
                enter(HaState.TERMINATED);
                break;
            default:
                break;
        }
    }

    private void normal(HaState other, boolean unavailable) {
        if (unavailable) {
            if (shouldPartnerDown()) {
                enter(HaState.PARTNER_DOWN);
            } else if (config.mode() == HaMode.LOAD_BALANCING && config.delayedUpdatesLimit() > 0) {
                enter(HaState.COMMUNICATION_RECOVERY);
            }
            return;
        }
        followPartner(other);
    }

    /**
     * The transitions every serving state makes on the partner's word: its maintenance, its
     * partner-down (we were thought dead: start over), its termination. True when one was made.
     */
    private boolean followPartner(HaState other) {
        switch (other) {
            case IN_MAINTENANCE:
                enter(HaState.PARTNER_IN_MAINTENANCE);
                return true;
            case PARTNER_DOWN:
                enter(HaState.WAITING);
                return true;
            case PARTNER_IN_MAINTENANCE:
                enter(HaState.IN_MAINTENANCE);
                return true;
            case TERMINATED:
                enter(HaState.TERMINATED);
                return true;
            default:
                return false;
        }
    }

    /**
     * Load-balancing with the partner out of reach but not declared down: updates wait in the
     * backlog; once the partner answers again they are replayed in order, and when that fails or
     * the backlog overflowed, both servers start over (ha-reset, waiting).
     */
    private void communicationRecovery(HaState other, boolean unavailable) {
        if (unavailable) {
            goPartnerDownIfFailed();
            return;
        }
        if (followPartner(other)) {
            return;
        }
        if (other == HaState.WAITING || other == HaState.SYNCING || other == HaState.READY) {
            if (!communicationInterrupted() && backlog.overflowed()) {
                enter(HaState.WAITING);
            }
            return;
        }
        if (communicationInterrupted()) {
            return;
        }
        if (other != HaState.LOAD_BALANCING && other != HaState.COMMUNICATION_RECOVERY) {
            enter(HaState.WAITING);
            return;
        }
        if (!backlog.overflowed() && replayBacklog()) {
            enter(HaState.LOAD_BALANCING);
            return;
        }
        try {
            CommandAnswer reset = client.send(partner, "ha-reset",
                    JsonNodeFactory.instance.objectNode().put("server-name", config.thisServerName()), PEER_TIMEOUT);
            if (reset.isSuccess()) {
                enter(HaState.WAITING);
            }
        } catch (IOException e) {
            partnerUnavailable(e.getMessage());
        }
    }

    /** Sends the backlog's updates in order, one request each; false at the first that fails. */
    private boolean replayBacklog() {
        for (UpdateBacklog.Update update = backlog.poll(); update != null; update = backlog.poll()) {
            try {
                CommandAnswer answer = client.send(partner, update.command(), update.arguments(), PEER_TIMEOUT);
                if (answer.result() != 0 && !(answer.result() == 3 && update.command().equals("lease4-del"))) {
                    return false;
                }
            } catch (IOException e) {
                partnerUnavailable(e.getMessage());
                return false;
            }
        }
        return true;
    }

    /** Whether this transaction's updates go to the backlog instead of the partner (communication-recovery). */
    boolean queuesUpdates() {
        return state == HaState.COMMUNICATION_RECOVERY && config.sendLeaseUpdates();
    }

    /** Queues a transaction's updates for the partner: deleted leases first, then the written ones. */
    void queue(List<Lease4> deleted, List<Lease4> written) {
        for (Lease4 lease : deleted) {
            backlog.add("lease4-del", JsonNodeFactory.instance.objectNode().put("ip-address", lease.address().toString()));
        }
        for (Lease4 lease : written) {
            backlog.add("lease4-update", LeaseElements.update(lease));
        }
    }

    private void partnerDown(HaState other, boolean unavailable) {
        if (unavailable) {
            return;
        }
        switch (other) {
            case COMMUNICATION_RECOVERY:
            case PARTNER_DOWN:
            case PARTNER_IN_MAINTENANCE:
                enter(HaState.WAITING);
                break;
            case READY:
                // The partner allocated leases we never got while it thought we were down: start over.
                boolean partnerHasUnsent = partnerUnsent > 0 && partnerUnsent != partnerUnsentPrevious;
                enter(partnerHasUnsent ? HaState.WAITING : normalState());
                break;
            case TERMINATED:
                enter(HaState.TERMINATED);
                break;
            default:
                break;
        }
    }

    /** Enters {@code next}: its scopes, the service on or off, and a pause when the configuration asks for one. */
    private synchronized void enter(HaState next) {
        HaState from = state;
        if (from != next) {
            LOG.info("HA_STATE_TRANSITION {}: {} -> {}, partner {}", config.thisServerName(), from.wireName(), next.wireName(),
                    partnerState == null ? "unknown" : partnerState.wireName());
        }
        previousState = from;
        state = next;
        if (from == HaState.COMMUNICATION_RECOVERY && next != HaState.COMMUNICATION_RECOVERY) {
            backlog.clear();
        }
        if (next == HaState.PARTNER_DOWN || next == HaState.READY || next == HaState.SYNCING || next == HaState.TERMINATED
                || next == HaState.WAITING) {
            rejectedClients.clear();
        }
        scopes = scopesOf(next);
        setService(next.serving());
        String pause = config.pauses().getOrDefault(next.wireName(), "never");
        if (pause.equals("always") || pause.equals("once") && pausedOnce.add(next.wireName())) {
            paused = true;
            LOG.info("HA_STATE_MACHINE_PAUSED {} in {}; ha-continue resumes it", config.thisServerName(), next.wireName());
        }
    }

    private Set<String> scopesOf(HaState state) {
        Set<String> own = self.role() == PeerRole.PRIMARY || self.role() == PeerRole.SECONDARY ? Set.of(self.name()) : Set.of();
        switch (state) {
            case LOAD_BALANCING:
            case HOT_STANDBY:
            case COMMUNICATION_RECOVERY:
            case PASSIVE_BACKUP:
            case TERMINATED:
                return own;
            case PARTNER_DOWN:
                if (!self.autoFailover()) {
                    return own;
                }
                return failoverScopes();
            case PARTNER_IN_MAINTENANCE:
                return failoverScopes();
            default:
                return Set.of();
        }
    }

    private Set<String> failoverScopes() {
        Set<String> all = new LinkedHashSet<>();
        for (PeerConfig peer : config.peers()) {
            if (peer.role() == PeerRole.PRIMARY || config.mode() == HaMode.LOAD_BALANCING && peer.role() == PeerRole.SECONDARY) {
                all.add(peer.name());
            }
        }
        return Set.copyOf(all);
    }

    private void setService(boolean on) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("origin-id", localOrigin);
        try {
            CommandAnswer answer = server.execute(new CommandRequest(on ? "dhcp-enable" : "dhcp-disable", arguments));
            if (!answer.isSuccess()) {
                LOG.error("HA_LOCAL_DHCP_{}_FAILED {}: {}", on ? "ENABLE" : "DISABLE", config.thisServerName(), answer.text());
            }
        } catch (RuntimeException e) {
            LOG.error("HA_LOCAL_DHCP_{}_FAILED {}: {}", on ? "ENABLE" : "DISABLE", config.thisServerName(), e.toString(), e);
        }
    }

    // ---------------------------------------------------------------- queries

    /**
     * Whether this server answers {@code owner}'s clients now; while communication is interrupted,
     * queries for the partner feed the unacked-clients analysis.
     */
    boolean serves(String owner, byte[] clientKey, int secs) {
        if (owner != null && scopes.contains(owner)) {
            return true;
        }
        if (partner != null && communicationInterrupted() && clientKey != null) {
            unacked.analyze(clientKey, secs);
        }
        return false;
    }

    /** Counts a transaction whose update the partner did not get (Kea's unsent-update-count; never back to 0). */
    void countUnsentUpdate() {
        updateStatistics.unsent(unsentUpdates.updateAndGet(n -> n == Long.MAX_VALUE ? 1 : n + 1));
    }

    /** The lease-update figures the server's statistics show for this relationship. */
    UpdateStatistics updateStatistics() {
        return updateStatistics;
    }

    /** Whether lease updates go to the active partner now (and must be acknowledged). */
    boolean updatesPartner() {
        HaState now = state;
        return partner != null && config.sendLeaseUpdates()
                && (now == HaState.LOAD_BALANCING || now == HaState.HOT_STANDBY || now == HaState.PARTNER_IN_MAINTENANCE);
    }

    PeerConfig partner() {
        return partner;
    }

    /**
     * The partner refused a client's update as a conflict (Kea 2.3.1's result 4): remembered for 24
     * hours; when {@code max-rejected-lease-updates} clients are, the relationship terminates.
     */
    void updateRejected(byte[] client) {
        long now = System.nanoTime();
        rejectedClients.values().removeIf(lapse -> now - lapse > 0);
        rejectedClients.put(java.nio.ByteBuffer.wrap(client.clone()), now + TimeUnit.HOURS.toNanos(24));
        if (config.maxRejectedLeaseUpdates() > 0 && rejectedClients.size() >= config.maxRejectedLeaseUpdates()) {
            LOG.error("HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION {}: {} clients' updates were refused by {}",
                    config.thisServerName(), rejectedClients.size(), partner.name());
            thread.execute(() -> enter(HaState.TERMINATED));
        }
    }

    /** The partner took a client's update: it is no longer counted as rejected. */
    void updateAccepted(byte[] client) {
        if (!rejectedClients.isEmpty()) {
            rejectedClients.remove(java.nio.ByteBuffer.wrap(client));
        }
    }

    /** A lease update to {@code peer} failed: the partner counts as unavailable until its next heartbeat. */
    void updateFailed(PeerConfig peer, String why) {
        if (peer == partner) {
            partnerUnavailable(why);
        } else {
            LOG.warn("HA_LEASE_UPDATE_FAILED {}: backup {}: {}", config.thisServerName(), peer.name(), why);
        }
    }

    // ---------------------------------------------------------------- synchronisation

    /**
     * Fetches {@code from}'s leases page by page, its service disabled for each page, and keeps
     * each one that is new here or newer than ours; then re-enables the partner. True on success.
     */
    synchronized boolean synchronize(PeerConfig from, long maxPeriodSeconds) {
        LOG.info("HA_SYNC_START {}: fetching the leases of {}", config.thisServerName(), from.name());
        LeaseStore leases = server.leases();
        String after = "start";
        long fetched = 0;
        try {
            while (true) {
                ObjectNode disable = JsonNodeFactory.instance.objectNode().put("origin-id", remoteOrigin).put("origin", "ha-partner");
                if (maxPeriodSeconds > 0) {
                    disable.put("max-period", Math.max(1, maxPeriodSeconds));
                }
                expectSuccess(client.send(from, "dhcp-disable", disable, PEER_TIMEOUT), "dhcp-disable");
                ObjectNode page = JsonNodeFactory.instance.objectNode().put("from", after).put("limit", config.syncPageLimit());
                CommandAnswer answer = client.send(from, "lease4-get-page", page,
                        Duration.ofMillis(Math.max(1000, config.syncTimeout())));
                if (answer.result() == CommandAnswer.RESULT_EMPTY) {
                    break;
                }
                expectSuccess(answer, "lease4-get-page");
                JsonNode list = answer.arguments().path("leases");
                for (JsonNode element : list) {
                    Lease4 theirs = LeaseElements.fromElement(element);
                    if (theirs == null) {
                        LOG.warn("HA_LEASE_SYNC_INVALID_LEASE {}: skipped {}", config.thisServerName(), element);
                        continue;
                    }
                    after = theirs.address().toString();
                    if (!subnets.isEmpty() && !subnets.contains(theirs.subnetId())) {
                        continue; // another relationship's lease (hub and spoke)
                    }
                    keepNewer(leases, theirs);
                    fetched++;
                }
                if (list.size() < config.syncPageLimit()) {
                    break;
                }
            }
            CommandAnswer notify = client.send(from, "ha-sync-complete-notify", JsonNodeFactory.instance.objectNode()
                    .put("server-name", config.thisServerName()).put("origin-id", remoteOrigin).put("origin", remoteOrigin),
                    PEER_TIMEOUT);
            if (notify.result() == CommandAnswer.RESULT_UNSUPPORTED) {
                client.send(from, "dhcp-enable", JsonNodeFactory.instance.objectNode().put("origin", "ha-partner"), PEER_TIMEOUT);
            }
            LOG.info("HA_SYNC_SUCCESSFUL {}: {} leases from {}", config.thisServerName(), fetched, from.name());
            return true;
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warn("HA_SYNC_FAILED {}: {}", config.thisServerName(), why);
            partnerUnavailable(why);
            try {
                client.send(from, "dhcp-enable", JsonNodeFactory.instance.objectNode().put("origin-id", remoteOrigin)
                        .put("origin", "ha-partner"), PEER_TIMEOUT);
            } catch (IOException ignored) {
                // it is unreachable; its disable ends with max-period
            }
            return false;
        }
    }

    private static void keepNewer(LeaseStore leases, Lease4 theirs) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Lease4> ours = leases.get(theirs.address());
            if (ours.isEmpty()) {
                if (leases.insert(theirs)) {
                    return;
                }
            } else if (ours.get().cltt() >= theirs.cltt() || leases.update(ours.get(), theirs)) {
                return;
            }
        }
    }

    private static void expectSuccess(CommandAnswer answer, String command) throws IOException {
        if (answer.result() != CommandAnswer.RESULT_SUCCESS && answer.result() != CommandAnswer.RESULT_EMPTY) {
            throw new IOException(command + " answered " + answer.result() + ": " + answer.text());
        }
    }

    // ---------------------------------------------------------------- commands

    /** This server's status in answer to a partner's ha-heartbeat. */
    CommandAnswer heartbeatAnswer() {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        arguments.put("date-time", Rfc1123.format(Instant.now()));
        ArrayNode list = arguments.putArray("scopes");
        scopes.stream().sorted().forEach(list::add);
        arguments.put("state", state.wireName());
        arguments.put("unsent-update-count", unsentUpdates.get());
        return CommandAnswer.success("HA peer status returned.", arguments);
    }

    /** ha-reset: back to waiting. */
    CommandAnswer reset() {
        thread.execute(() -> {
            if (state != HaState.WAITING) {
                enter(HaState.WAITING);
            }
        });
        return state == HaState.WAITING ? CommandAnswer.success("HA state machine already in WAITING state.")
                : CommandAnswer.success("HA state machine reset.");
    }

    /** ha-sync-complete-notify: the partner synchronised from us; lift its disable. */
    CommandAnswer syncCompleteNotified(JsonNode arguments) {
        int origin = arguments != null && arguments.path("origin-id").isIntegralNumber() ? arguments.get("origin-id").asInt()
                : arguments != null && arguments.path("origin").isIntegralNumber() ? arguments.get("origin").asInt() : 2000;
        server.execute(new CommandRequest("dhcp-enable", JsonNodeFactory.instance.objectNode().put("origin-id", origin)));
        return CommandAnswer.success("Server successfully notified about the synchronization completion.");
    }

    /** ha-scopes: serve exactly these scopes until the next state change. */
    CommandAnswer setScopes(List<String> names) {
        for (String name : names) {
            if (config.peers().stream().noneMatch(p -> p.name().equals(name))) {
                return CommandAnswer.error("invalid server name specified '" + name + "' while enabling/disabling HA scopes");
            }
        }
        scopes = Set.copyOf(names);
        return CommandAnswer.success("New HA scopes configured.");
    }

    /** ha-continue: lift a configured pause. */
    CommandAnswer resume() {
        if (!paused) {
            return CommandAnswer.success("HA state machine is not paused.");
        }
        paused = false;
        thread.execute(this::runStateMachine);
        return CommandAnswer.success("HA state machine continues.");
    }

    /** ha-maintenance-start: ask the partner to go in-maintenance and take over its clients. */
    CommandAnswer maintenanceStart() {
        HaState now = state;
        if (partner == null || now == HaState.BACKUP || now == HaState.IN_MAINTENANCE || now == HaState.PARTNER_IN_MAINTENANCE
                || now == HaState.TERMINATED) {
            return CommandAnswer.error("Unable to transition to the partner-in-maintenance state. The server is in the "
                    + now.wireName() + " state.");
        }
        ObjectNode notify = JsonNodeFactory.instance.objectNode().put("server-name", config.thisServerName())
                .put("cancel", false).put("state", now.wireName());
        CommandAnswer answer;
        try {
            answer = client.send(partner, "ha-maintenance-notify", notify, PEER_TIMEOUT);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || answer.result() == CommandAnswer.RESULT_ERROR) {
            // The partner is gone already, or refused for another reason than its state: take over.
            partnerUnavailable("the partner did not accept ha-maintenance-notify");
            onThread(() -> enterTakingOver(HaState.PARTNER_DOWN));
            return CommandAnswer.success("Server is now in the partner-down state as its partner appears to be offline for "
                    + "maintenance.");
        }
        if (answer.result() != CommandAnswer.RESULT_SUCCESS) {
            return CommandAnswer.error("Unable to transition to the partner-in-maintenance state. The partner server responded "
                    + "with the following message to the ha-maintenance-notify command: " + answer.text() + ".");
        }
        onThread(() -> enter(HaState.PARTNER_IN_MAINTENANCE));
        return CommandAnswer.success("Server is now in the partner-in-maintenance state and its partner is in-maintenance "
                + "state. The partner can be now safely shut down.");
    }

    /** ha-maintenance-cancel: bring the partner back from in-maintenance and return to the state before. */
    CommandAnswer maintenanceCancel() {
        if (state != HaState.PARTNER_IN_MAINTENANCE) {
            return CommandAnswer.error("Unable to cancel maintenance request because the server is not in the "
                    + "partner-in-maintenance state.");
        }
        HaState back = previousState == HaState.PARTNER_IN_MAINTENANCE ? HaState.WAITING : previousState;
        ObjectNode notify = JsonNodeFactory.instance.objectNode().put("server-name", config.thisServerName())
                .put("cancel", true).put("state", back.wireName());
        try {
            CommandAnswer answer = client.send(partner, "ha-maintenance-notify", notify, PEER_TIMEOUT);
            if (answer.result() != CommandAnswer.RESULT_SUCCESS) {
                return CommandAnswer.error("Unable to cancel maintenance. The partner server responded with the following "
                        + "message to the ha-maintenance-notify command: " + answer.text() + ".");
            }
        } catch (IOException e) {
            return CommandAnswer.error("Unable to cancel maintenance. The partner server responded with the following message "
                    + "to the ha-maintenance-notify command: " + e.getMessage() + ".");
        }
        onThread(() -> enter(back));
        return CommandAnswer.success("Server maintenance successfully canceled.");
    }

    /** ha-maintenance-notify from the partner: go in-maintenance, or back from it when {@code cancel}. */
    CommandAnswer maintenanceNotified(JsonNode arguments) {
        if (arguments == null || !arguments.path("cancel").isBoolean()) {
            return CommandAnswer.error("'cancel' is mandatory for the 'ha-maintenance-notify' command");
        }
        HaState now = state;
        if (arguments.get("cancel").asBoolean()) {
            if (now != HaState.IN_MAINTENANCE) {
                return CommandAnswer.error("Unable to cancel the maintenance for the server not in the in-maintenance state.");
            }
            HaState back = previousState == HaState.IN_MAINTENANCE ? HaState.WAITING : previousState;
            onThread(() -> enter(back));
            return CommandAnswer.success("Server maintenance canceled.",
                    JsonNodeFactory.instance.objectNode().put("state", back.wireName()));
        }
        if (now == HaState.BACKUP || now == HaState.PARTNER_IN_MAINTENANCE || now == HaState.TERMINATED) {
            return new CommandAnswer(1001, "Unable to transition the server from the " + now.wireName()
                    + " to in-maintenance state.", null);
        }
        onThread(() -> enter(HaState.IN_MAINTENANCE));
        return CommandAnswer.success("Server is in-maintenance state.");
    }

    /** Entering partner-down from maintenance: always the failover scopes, whatever auto-failover says. */
    private void enterTakingOver(HaState next) {
        enter(next);
        scopes = failoverScopes();
    }

    /** Runs a transition on the relationship's thread and waits for it, so the answer reports the new state. */
    private void onThread(Runnable transition) {
        try {
            thread.submit(transition).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.error("HA_STATE_TRANSITION_FAILED {}: {}", config.thisServerName(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** ha-sync: synchronise from {@code peerName} now. */
    CommandAnswer syncFrom(String peerName, long maxPeriod) {
        if (peerName.equals(config.thisServerName())) {
            return CommandAnswer.error("'" + peerName + "' points to local server but should point to a partner");
        }
        PeerConfig peer = config.peers().stream().filter(p -> p.name().equals(peerName)).findFirst().orElse(null);
        if (peer == null) {
            return CommandAnswer.error(peerName + " matches no configured 'server-name'");
        }
        return synchronize(peer, maxPeriod) ? CommandAnswer.success("Lease database synchronization complete.")
                : CommandAnswer.error("Lease database synchronization failed.");
    }

    /** This relationship's element of status-get's {@code high-availability} list, as Kea 2.6 shows it. */
    ObjectNode status() {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        element.put("ha-mode", config.mode().wireName());
        ObjectNode servers = element.putObject("ha-servers");
        ObjectNode local = servers.putObject("local");
        local.put("role", self.role().wireName());
        ArrayNode localScopes = local.putArray("scopes");
        scopes.stream().sorted().forEach(localScopes::add);
        local.put("server-name", config.thisServerName());
        local.put("state", state.wireName());
        if (partner != null) {
            ObjectNode remote = servers.putObject("remote");
            boolean interrupted = communicationInterrupted();
            remote.put("age", inTouch ? (System.nanoTime() - lastContactNanos) / 1_000_000_000L : 0);
            remote.put("analyzed-packets", unacked.analyzedPackets());
            if (clockSkewSeconds == null) {
                remote.putNull("clock-skew");
            } else {
                remote.put("clock-skew", clockSkewSeconds);
            }
            remote.put("communication-interrupted", interrupted);
            remote.put("connecting-clients", unacked.connecting());
            remote.put("in-touch", inTouch);
            ArrayNode last = remote.putArray("last-scopes");
            partnerScopes.stream().sorted().forEach(last::add);
            remote.put("last-state", partnerState == null ? "" : partnerState.wireName());
            remote.put("role", partner.role().wireName());
            remote.put("server-name", partner.name());
            remote.put("unacked-clients", unacked.count());
            remote.put("unacked-clients-left", interrupted
                    ? Math.max(0, config.maxUnackedClients() - unacked.count() + 1) : 0);
        }
        return element;
    }

    /** Stops the state machine's thread. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For logs and tests: the relationship's name and state. */
    @Override
    public String toString() {
        return config.thisServerName() + " in " + state.wireName();
    }
}
