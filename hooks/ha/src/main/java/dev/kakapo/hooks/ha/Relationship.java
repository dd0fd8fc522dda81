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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HA relationship: this server's state machine in it, what it knows of its partner, and the
 * scopes it serves. Its own thread sends a heartbeat every {@code heartbeat-delay} (without
 * waiting for the answer), observes every 100 ms how long the partner has been silent, and asks
 * {@link HaStateMachine} what to do whenever something changed, carrying its answer out (state
 * changes, synchronisation, communication-recovery's backlog); packet threads only read its
 * volatile state.
 */
final class Relationship implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relationship.class);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
    /** How often a silent partner's deadline is checked between heartbeats. */
    private static final long DEADLINE_CHECK_MS = 100;
    /** Transitions made in a row on one event at most (Kea runs its model until it settles). */
    private static final int MAX_CHAINED_TRANSITIONS = 8;
    /** NetworkState origin of this relationship's own disables (Kea 2.6: 1000 + relationship index). */
    private final int localOrigin;
    /** The origin a partner's disable carries (Kea 2.6: 2000 + the sender's index; Kea 2.2's "ha-partner"). */
    private final int remoteOrigin;

    private final HaConfig config;
    private final LibraryHandle server;
    private final PeerTransport client;
    private final PeerConfig self;
    private final PeerConfig partner;
    private final HaClock clock;
    private final ScheduledExecutorService thread;
    /** Where heartbeat answers are handled: the relationship's thread (tests run them in place). */
    private final Executor machine;
    private final CommunicationState comm;
    private final Duration heartbeatTimeout;
    private final AtomicLong unsentUpdates = new AtomicLong();
    /** New clients' leases released because the partner never took them, in the current episode. */
    private final AtomicLong releasedUnconfirmed = new AtomicLong();
    private final UpdateStatistics updateStatistics;
    private final Set<String> pausedOnce = new LinkedHashSet<>();
    private final UpdateBacklog backlog;
    private final CautiousAllocation cautious;
    /** Clients whose updates the partner refused as conflicts (result 4), with when the record lapses. */
    private final java.util.Map<java.nio.ByteBuffer, Long> rejectedClients = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile HaState state = HaState.WAITING;
    private volatile HaState previousState = HaState.WAITING;
    private volatile Set<String> scopes = Set.of();
    private volatile boolean paused;
    private volatile boolean heartbeatInFlight;
    /**
     * Guards this server's service and the partner's sync notification. Not the relationship's
     * own monitor: that one is held through a whole synchronisation, and a partner that notifies
     * us while we fetch its leases would wait for us while we wait for it.
     */
    private final Object serviceLock = new Object();
    /** The partner synchronised from us while we were partner-down: our service waits for the next heartbeat. */
    private boolean syncCompleteNotified;
    /** Our unsent-update count when the partner last finished fetching our leases (0 at start: none yet). */
    private volatile long unsentAtPartnerSync;
    /**
     * A backup's leases may lack updates: it just started (Kea's backups never synchronise, and
     * miss what was acknowledged while they were down), or it was stopped for longer than a
     * heartbeat period (the updates sent meanwhile failed). It catches up from a serving peer.
     */
    private volatile boolean catchUpDue;
    private long lastCatchUpAttemptNanos;
    /** Why this server terminated: true for refused lease updates, which only an operator can put right. */
    private volatile boolean terminatedForRejects;
    private long lastSkewWarningNanos;
    private boolean communicationFailureLogged;

    /** The subnets mapped to this relationship (hub and spoke); empty when every lease is its concern. */
    private final Set<Long> subnets;
    /** Told when this server starts serving without its partner: the library fails the updates still waiting for it. */
    private volatile Runnable onServingAlone = () -> { };

    Relationship(HaConfig config, int index, LibraryHandle server, PeerTransport client, Set<Long> subnets) {
        this(config, index, server, client, subnets, HaClock.SYSTEM, null);
    }

    /**
     * A relationship on the given clock; with {@code machine} non-null, heartbeat answers are
     * handled there instead of on the relationship's thread (tests pass {@code Runnable::run}).
     */
    Relationship(HaConfig config, int index, LibraryHandle server, PeerTransport client, Set<Long> subnets, HaClock clock,
                 Executor machine) {
        this.config = config;
        this.subnets = Set.copyOf(subnets);
        this.server = server;
        this.client = client;
        this.clock = clock;
        this.self = config.self();
        this.partner = config.partner();
        this.localOrigin = 1000 + index;
        this.remoteOrigin = 2000 + index;
        this.comm = new CommunicationState(config, clock);
        this.heartbeatTimeout = Duration.ofMillis(Math.max(1000, Math.min(10_000, config.maxResponseDelay())));
        this.backlog = new UpdateBacklog(config.delayedUpdatesLimit());
        this.cautious = new CautiousAllocation(self.role() == PeerRole.PRIMARY);
        this.updateStatistics = new UpdateStatistics(server, config.thisServerName());
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "kakapo-ha-" + config.thisServerName());
            t.setDaemon(true);
            return t;
        });
        this.machine = machine != null ? machine : thread;
    }

    HaConfig config() {
        return config;
    }

    HaState state() {
        return state;
    }

    /** What this relationship knows of its partner. */
    CommunicationState communication() {
        return comm;
    }

    /** Sets what is done when this server starts serving without its partner. */
    void onServingAlone(Runnable action) {
        this.onServingAlone = action;
    }

    /** The rules for serving alone while the partner may be serving too. */
    CautiousAllocation cautious() {
        return cautious;
    }

    /** Whether {@code subnetId} is one of this relationship's subnets. */
    boolean owns(long subnetId) {
        return subnets.contains(subnetId);
    }

    /**
     * Starts the state machine: the service off until the relationship allows it, then a
     * heartbeat every heartbeat-delay, and between them a check of the silent partner's deadline.
     */
    void start() {
        thread.execute(this::begin);
        long period = config.heartbeatDelay() > 0 ? config.heartbeatDelay() : 1000;
        thread.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::checkDeadline, DEADLINE_CHECK_MS, DEADLINE_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Enters waiting, the service off until the relationship allows it. */
    void begin() {
        catchUpDue = self.role() == PeerRole.BACKUP;
        enter(HaState.WAITING, HaStateMachine.Rule.STAY);
    }

    /**
     * Counts this server's time awake and, once the partner has been silent for
     * max-response-delay of it, runs the state machine at once rather than at the next tick: the
     * take-over then comes 2 to 3 s after a crash with Kea's usual timers (1 s, 3 s).
     */
    void checkDeadline() {
        try {
            boolean interrupted = comm.observe();
            if (partner != null && interrupted && comm.partnerState() == HaState.UNAVAILABLE) {
                runStateMachine();
            }
        } catch (RuntimeException e) {
            LOG.error("HA_STATE_MACHINE_FAILED {}: {}", config.thisServerName(), e.toString(), e);
        }
    }

    /** A heartbeat when one is due (its answer runs the state machine), else the state machine. */
    void tick() {
        try {
            comm.observe();
            if (comm.pausedSinceAsked() && self.role() == PeerRole.BACKUP) {
                catchUpDue = true;
            }
            if (state == HaState.BACKUP && catchUpDue) {
                catchUp();
            }
            if (partner != null && config.heartbeatDelay() > 0 && heartbeatsIn(state)) {
                if (!heartbeatInFlight) {
                    heartbeat();
                }
                return;
            }
            runStateMachine();
        } catch (RuntimeException e) {
            LOG.error("HA_STATE_MACHINE_FAILED {}: {}", config.thisServerName(), e.toString(), e);
        }
    }

    /** A backup fetches the leases of the first serving peer that answers (the primary first); tried every 5 s. */
    private void catchUp() {
        if (clock.nanos() - lastCatchUpAttemptNanos < 5_000_000_000L && lastCatchUpAttemptNanos != 0) {
            return;
        }
        lastCatchUpAttemptNanos = clock.nanos();
        List<PeerConfig> serving = config.peers().stream().filter(p -> p.role() != PeerRole.BACKUP)
                .sorted((a, b) -> a.role() == PeerRole.PRIMARY ? -1 : b.role() == PeerRole.PRIMARY ? 1 : 0).toList();
        for (PeerConfig peer : serving) {
            if (fetchLeases(peer, 0, true)) {
                catchUpDue = false;
                return;
            }
        }
    }

    private static boolean heartbeatsIn(HaState state) {
        // Kakapo goes on with heartbeats in terminated (Kea stops): that is how it sees the clocks agree again.
        return state != HaState.PASSIVE_BACKUP && state != HaState.BACKUP && state != HaState.SYNCING;
    }

    // ---------------------------------------------------------------- communication with the partner

    /** Sends a heartbeat; its answer (or failure) is handled on the machine's executor. */
    void heartbeat() {
        heartbeatInFlight = true;
        boolean notified;
        synchronized (serviceLock) {
            // Kea: the heartbeat after a partner's ha-sync-complete-notify settles our service.
            notified = syncCompleteNotified;
            syncCompleteNotified = false;
        }
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("server-name", config.thisServerName());
        client.sendAsync(partner, "ha-heartbeat", arguments, heartbeatTimeout)
                .whenComplete((answer, error) -> machine.execute(() -> heartbeatDone(answer, error, notified)));
    }

    private void heartbeatDone(CommandAnswer answer, Throwable error, boolean syncCompleteWasNotified) {
        heartbeatInFlight = false;
        boolean success = false;
        try {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                throw new IOException(cause.getMessage() != null ? cause.getMessage() : cause.toString());
            }
            if (answer.result() != CommandAnswer.RESULT_SUCCESS || answer.arguments() == null) {
                throw new IOException("heartbeat answered " + answer.result() + ": " + answer.text());
            }
            JsonNode status = answer.arguments();
            HaState reported = HaState.of(status.path("state").asText());
            Instant partnerTime = Rfc1123.parse(status.path("date-time").asText());
            if (reported == null || reported == HaState.UNAVAILABLE || partnerTime == null) {
                throw new IOException("heartbeat answer without a known state and an RFC 1123 date-time: " + status);
            }
            Set<String> reportedScopes = new LinkedHashSet<>();
            status.path("scopes").forEach(s -> {
                if (!s.asText().isEmpty()) {
                    reportedScopes.add(s.asText());
                }
            });
            comm.heartbeatSucceeded(reported, reportedScopes, status.path("unsent-update-count").asLong(0), partnerTime);
            communicationFailureLogged = false;
            if (bothHoldTheSameLeases(state, reported)) {
                cautious.inSyncAt(clock.now().getEpochSecond());
            }
            warnClockSkew();
            success = true;
        } catch (IOException | RuntimeException e) {
            partnerUnavailable(e.getMessage() != null ? e.getMessage() : e.toString());
        }
        try {
            if (!success && syncCompleteWasNotified) {
                synchronized (serviceLock) {
                    if (state == HaState.PARTNER_DOWN) {
                        // Kea: the partner synchronised but we still cannot reach it: serve alone until the link is back.
                        LOG.info("HA_SYNCED_PARTNER_UNAVAILABLE {}: {} synchronised from us and is out of reach again; "
                                + "serving alone", config.thisServerName(), partner.name());
                        setService(true);
                    }
                }
            }
            runStateMachine();
        } catch (RuntimeException e) {
            LOG.error("HA_STATE_MACHINE_FAILED {}: {}", config.thisServerName(), e.toString(), e);
        }
    }

    /**
     * Whether, with this server in {@code ours} and the partner in {@code theirs}, every lease
     * either of them acknowledged is on both: this server sends each to the partner before it
     * answers, and the partner either does the same or answers nobody.
     */
    private static boolean bothHoldTheSameLeases(HaState ours, HaState theirs) {
        boolean oursSends = ours == HaState.HOT_STANDBY || ours == HaState.LOAD_BALANCING
                || ours == HaState.PARTNER_IN_MAINTENANCE;
        boolean theirsSendsOrIsSilent = theirs == HaState.HOT_STANDBY || theirs == HaState.LOAD_BALANCING
                || theirs == HaState.IN_MAINTENANCE || theirs == HaState.READY || theirs == HaState.SYNCING
                || theirs == HaState.WAITING;
        return oursSends && theirsSendsOrIsSilent;
    }

    private void warnClockSkew() {
        if (comm.clockSkewWarns() && clock.nanos() - lastSkewWarningNanos > 60_000_000_000L) {
            lastSkewWarningNanos = clock.nanos();
            LOG.warn("HA_HIGH_CLOCK_SKEW {}: the clock of {} is {} s off ours", config.thisServerName(), partner.name(),
                    comm.clockSkewSeconds());
        }
    }

    private void partnerUnavailable(String why) {
        if (!communicationFailureLogged) {
            communicationFailureLogged = true;
            LOG.warn("HA_COMMUNICATION_FAILED {}: {} is unavailable: {}", config.thisServerName(),
                    partner == null ? "partner" : partner.name(), why);
        }
        comm.partnerUnavailable();
    }

    /** Whether the partner has been silent for longer than max-response-delay of this server's time. */
    boolean communicationInterrupted() {
        return comm.communicationInterrupted();
    }

    // ---------------------------------------------------------------- the state machine

    /** What the state machine is asked about. */
    HaStateMachine.Situation situation() {
        return new HaStateMachine.Situation(state, self.role(), config.mode(), config.syncLeases(),
                config.mode() == HaMode.LOAD_BALANCING && config.delayedUpdatesLimit() > 0, paused,
                partner == null ? null : comm.partnerState(),
                comm.communicationInterrupted(), comm.failureDetected(), comm.clockSkewTerminates(), rejectsTerminate(),
                comm.partnerMissedUpdates(), unsentUpdates.get() != unsentAtPartnerSync, comm.clockSkewWarns(),
                terminatedForRejects, comm.partnerStateSeconds(), backlog.overflowed());
    }

    private boolean rejectsTerminate() {
        return config.maxRejectedLeaseUpdates() > 0 && rejectedClients.size() >= config.maxRejectedLeaseUpdates();
    }

    /** Asks the state machine until it settles, carrying out its transitions and actions. */
    synchronized void runStateMachine() {
        for (int step = 0; step < MAX_CHAINED_TRANSITIONS; step++) {
            HaStateMachine.Situation situation = situation();
            HaStateMachine.Transition transition = HaStateMachine.next(situation);
            if (transition.action() == HaStateMachine.Action.SYNC) {
                transition = HaStateMachine.afterSync(synchronize(partner, Math.max(1, config.syncTimeout() / 1000)));
            } else if (transition.action() == HaStateMachine.Action.RESET_PARTNER) {
                LOG.info("HA_PARTNER_RESET {}: asking {} (in {}) to start over ({})", config.thisServerName(), partner.name(),
                        comm.partnerState() == null ? "unknown" : comm.partnerState().wireName(),
                        transition.rule().name().toLowerCase().replace('_', '-'));
                sendReset();
                return;
            } else if (transition.action() == HaStateMachine.Action.SEND_BACKLOG) {
                boolean sent = !backlog.overflowed() && replayBacklog();
                transition = HaStateMachine.afterBacklog(situation, sent, !sent && sendReset());
            }
            if (transition.stays()) {
                return;
            }
            if (transition.rule() == HaStateMachine.Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE) {
                terminatedForRejects = rejectsTerminate() && !comm.clockSkewTerminates();
                LOG.error("HA_TERMINATED {}: {}", config.thisServerName(), rejectsTerminate()
                        ? rejectedClients.size() + " clients' lease updates were refused by " + partner.name()
                        : "the clock of " + partner.name() + " is " + comm.clockSkewSeconds() + " s off ours");
            }
            enter(transition.next(), transition.rule());
        }
    }

    /** Asks the partner to start over (ha-reset); true when it agreed. */
    private boolean sendReset() {
        try {
            CommandAnswer reset = client.send(partner, "ha-reset",
                    JsonNodeFactory.instance.objectNode().put("server-name", config.thisServerName()), PEER_TIMEOUT);
            return reset.isSuccess();
        } catch (IOException e) {
            partnerUnavailable(e.getMessage());
            return false;
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

    /** Enters {@code next}: its scopes, the service on or off, and a pause when the configuration asks for one. */
    private synchronized void enter(HaState next, HaStateMachine.Rule rule) {
        synchronized (serviceLock) {
            enterLocked(next, rule);
        }
    }

    private void enterLocked(HaState next, HaStateMachine.Rule rule) {
        HaState from = state;
        if (from != next) {
            HaState partnerState = comm.partnerState();
            LOG.info("HA_STATE_TRANSITION {}: {} -> {}, partner {} ({})", config.thisServerName(), from.wireName(),
                    next.wireName(), partnerState == null ? "unknown" : partnerState.wireName(),
                    rule.name().toLowerCase().replace('_', '-'));
        }
        syncCompleteNotified = false;
        // An episode of cautious allocation begins before the state changes: a packet thread that
        // sees partner-down (no update to send) must already find the episode's rules in force.
        boolean episodeBegins = beginsCaution(next, rule);
        previousState = from;
        state = next;
        if (from == HaState.COMMUNICATION_RECOVERY && next != HaState.COMMUNICATION_RECOVERY) {
            backlog.clear();
        }
        if (next == HaState.PARTNER_DOWN || next == HaState.READY || next == HaState.SYNCING || next == HaState.TERMINATED
                || next == HaState.WAITING) {
            rejectedClients.clear();
        }
        caution(from, next, rule, episodeBegins);
        // Load-balancing splits the pool between the two servers, but where one serves for both
        // because the other is out of service for sure (maintenance, or an operator said so).
        cautious.split(config.mode() == HaMode.LOAD_BALANCING && partner != null && next != HaState.PARTNER_IN_MAINTENANCE
                && !(next == HaState.PARTNER_DOWN && rule == HaStateMachine.Rule.MAINTENANCE_PARTNER_GONE));
        scopes = scopesOf(next);
        setService(next.serving());
        String pause = config.pauses().getOrDefault(next.wireName(), "never");
        if (pause.equals("always") || pause.equals("once") && pausedOnce.add(next.wireName())) {
            paused = true;
            LOG.info("HA_STATE_MACHINE_PAUSED {} in {}; ha-continue resumes it", config.thisServerName(), next.wireName());
        }
    }

    /** The states in which this server answers without its partner's acknowledgement. */
    private static boolean alone(HaState state) {
        return state == HaState.PARTNER_DOWN || state == HaState.COMMUNICATION_RECOVERY || state == HaState.TERMINATED;
    }

    /** Starts an episode when {@code next} is a state of serving alone not confirmed by an operator; true when one started. */
    private boolean beginsCaution(HaState next, HaStateMachine.Rule rule) {
        return partner != null && alone(next) && rule != HaStateMachine.Rule.MAINTENANCE_PARTNER_GONE && cautious.begin();
    }

    /**
     * The rest of {@link CautiousAllocation}'s episode at a state change: the updates still
     * waiting for the partner fail at once when this server starts serving alone, the new
     * clients' leases the partner never took are released, and the episode ends where the two
     * hold the same leases again (a normal state) or an operator took the partner out of service.
     */
    private void caution(HaState from, HaState next, HaStateMachine.Rule rule, boolean episodeBegan) {
        if (partner == null) {
            return;
        }
        if (alone(next) && from != next) {
            onServingAlone.run();
        }
        if (episodeBegan) {
            LOG.warn("HA_SERVING_ALONE_CAUTIOUSLY {}: {} may still be answering clients: new clients get addresses from "
                    + "this server's half of each pool ({} addresses) until the two have synchronised; "
                    + "ha-maintenance-start tells this server the partner is down for sure", config.thisServerName(),
                    partner.name(), self.role() == PeerRole.PRIMARY ? "even" : "odd");
        }
        if (alone(next) && rule != HaStateMachine.Rule.MAINTENANCE_PARTNER_GONE) {
            releaseUnconfirmed();
        } else if (alone(next) || next == HaState.HOT_STANDBY || next == HaState.LOAD_BALANCING
                || next == HaState.PARTNER_IN_MAINTENANCE) {
            if (cautious.active()) {
                LOG.info("HA_SERVING_ALONE_ENDED {}: {} new clients' leases that {} never took were released", config.thisServerName(),
                        releasedUnconfirmed.getAndSet(0), partner.name());
            }
            cautious.end();
        }
    }

    /** Deletes the new clients' leases the partner never took that lie in its half: their clients got no answer. */
    private void releaseUnconfirmed() {
        LeaseStore leases = server.leases();
        int released = 0;
        for (dev.kakapo.api.net.Ipv4Address address : cautious.unconfirmedOutsideShare()) {
            Optional<Lease4> lease = leases.get(address);
            if (lease.isPresent() && leases.delete(lease.get())) {
                released++;
            }
            cautious.forget(address);
        }
        if (released > 0) {
            releasedUnconfirmed.addAndGet(released);
            LOG.debug("HA_UNCONFIRMED_LEASES_RELEASED {}: {} leases {} never acknowledged were released",
                    config.thisServerName(), released, partner.name());
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
            comm.analyze(clientKey, secs);
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
        long now = clock.nanos();
        rejectedClients.values().removeIf(lapse -> now - lapse > 0);
        rejectedClients.put(java.nio.ByteBuffer.wrap(client.clone()), now + TimeUnit.HOURS.toNanos(24));
        if (rejectsTerminate()) {
            machine.execute(this::runStateMachine);
        }
    }

    /** The partner took a client's update: it is no longer counted as rejected. */
    void updateAccepted(byte[] client) {
        if (!rejectedClients.isEmpty()) {
            rejectedClients.remove(java.nio.ByteBuffer.wrap(client));
        }
    }

    /** A lease update to {@code peer} failed: the partner counts as unavailable until its next heartbeat. */
    void updateFailed(PeerConfig peer, String why, List<Lease4> written) {
        if (peer == partner) {
            cautious.unacknowledged(written);
            if (cautious.active()) {
                releaseUnconfirmed();
            }
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
        return fetchLeases(from, maxPeriodSeconds, false);
    }

    /**
     * Fetches {@code from}'s leases page by page and keeps each one that is new here or newer
     * than ours. A synchronisation ({@code quietly} false) disables the peer for each page and
     * re-enables it at the end, as Kea does; a backup catching up ({@code quietly} true) leaves the
     * peer serving: its updates keep coming while the pages are read, and the newer of two copies
     * wins either way. True on success.
     */
    private synchronized boolean fetchLeases(PeerConfig from, long maxPeriodSeconds, boolean quietly) {
        LOG.info("HA_SYNC_START {}: fetching the leases of {}{}", config.thisServerName(), from.name(),
                quietly ? " (a backup catching up; its service stays on)" : "");
        LeaseStore leases = server.leases();
        String after = "start";
        long fetched = 0;
        try {
            while (true) {
                ObjectNode disable = JsonNodeFactory.instance.objectNode().put("origin-id", remoteOrigin).put("origin", "ha-partner");
                if (maxPeriodSeconds > 0) {
                    disable.put("max-period", Math.max(1, maxPeriodSeconds));
                }
                if (!quietly) {
                    expectSuccess(client.send(from, "dhcp-disable", disable, PEER_TIMEOUT), "dhcp-disable");
                }
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
            if (quietly) {
                LOG.info("HA_SYNC_SUCCESSFUL {}: {} leases from {}", config.thisServerName(), fetched, from.name());
                return true;
            }
            if (from == partner) {
                // The partner's service is still off: its unsent-update count now is the one that
                // says, later, whether it committed leases without telling us (Kakapo's baseline).
                CommandAnswer status = client.send(from, "ha-heartbeat",
                        JsonNodeFactory.instance.objectNode().put("server-name", config.thisServerName()), PEER_TIMEOUT);
                expectSuccess(status, "ha-heartbeat");
                comm.syncedAt(status.arguments() == null ? 0 : status.arguments().path("unsent-update-count").asLong(0));
            }
            CommandAnswer notify = client.send(from, "ha-sync-complete-notify", JsonNodeFactory.instance.objectNode()
                    .put("server-name", config.thisServerName()).put("origin-id", remoteOrigin).put("origin", remoteOrigin),
                    PEER_TIMEOUT);
            if (notify.result() == CommandAnswer.RESULT_UNSUPPORTED) {
                client.send(from, "dhcp-enable", JsonNodeFactory.instance.objectNode().put("origin", "ha-partner"), PEER_TIMEOUT);
            }
            if (from == partner) {
                cautious.inSyncAt(clock.now().getEpochSecond());
            }
            LOG.info("HA_SYNC_SUCCESSFUL {}: {} leases from {}", config.thisServerName(), fetched, from.name());
            return true;
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warn("HA_SYNC_FAILED {}: {}", config.thisServerName(), why);
            if (quietly) {
                return false;
            }
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
                enter(HaState.WAITING, HaStateMachine.Rule.STAY);
            }
        });
        return state == HaState.WAITING ? CommandAnswer.success("HA state machine already in WAITING state.")
                : CommandAnswer.success("HA state machine reset.");
    }

    /**
     * ha-sync-complete-notify: the partner synchronised from us; lift its disable. In
     * partner-down we send it no lease updates, so serving now would give it leases it never
     * hears of (and addresses it may give again): as Kea does, our own service stays off until
     * the next heartbeat has let the state machine settle (back to normal when the partner is
     * ready, or alone again when it cannot be reached).
     */
    CommandAnswer syncCompleteNotified(JsonNode arguments) {
        int origin = arguments != null && arguments.path("origin-id").isIntegralNumber() ? arguments.get("origin-id").asInt()
                : arguments != null && arguments.path("origin").isIntegralNumber() ? arguments.get("origin").asInt() : 2000;
        synchronized (serviceLock) {
            unsentAtPartnerSync = unsentUpdates.get();
            if (state == HaState.PARTNER_DOWN) {
                syncCompleteNotified = true;
                setService(false);
            }
        }
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
        onThread(() -> enter(HaState.PARTNER_IN_MAINTENANCE, HaStateMachine.Rule.PARTNER_STARTS_MAINTENANCE));
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
        onThread(() -> enter(back, HaStateMachine.Rule.STAY));
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
            onThread(() -> enter(back, HaStateMachine.Rule.STAY));
            return CommandAnswer.success("Server maintenance canceled.",
                    JsonNodeFactory.instance.objectNode().put("state", back.wireName()));
        }
        if (now == HaState.BACKUP || now == HaState.PARTNER_IN_MAINTENANCE || now == HaState.TERMINATED) {
            return new CommandAnswer(1001, "Unable to transition the server from the " + now.wireName()
                    + " to in-maintenance state.", null);
        }
        onThread(() -> enter(HaState.IN_MAINTENANCE, HaStateMachine.Rule.PARTNER_IN_MAINTENANCE));
        return CommandAnswer.success("Server is in-maintenance state.");
    }

    /** Entering partner-down from maintenance: always the failover scopes, whatever auto-failover says. */
    private void enterTakingOver(HaState next) {
        enter(next, HaStateMachine.Rule.MAINTENANCE_PARTNER_GONE);
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
        // A backup serves nobody: it fetches without stopping the peer's service (Kakapo; Kea disables it).
        boolean fetched = self.role() == PeerRole.BACKUP ? fetchLeases(peer, 0, true) : synchronize(peer, maxPeriod);
        if (fetched && self.role() == PeerRole.BACKUP) {
            catchUpDue = false;
        }
        return fetched ? CommandAnswer.success("Lease database synchronization complete.")
                : CommandAnswer.error("Lease database synchronization failed.");
    }

    /** This relationship's element of status-get's {@code high-availability} list, as Kea 2.6 shows it. */
    ObjectNode status() {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        element.put("ha-mode", config.mode().wireName());
        ObjectNode servers = element.putObject("ha-servers");
        // State and scopes as one: a transition publishes the state before it turns the service
        // on or off, and whoever reads partner-down here may send a query at once.
        HaState shownState;
        Set<String> shownScopes;
        synchronized (serviceLock) {
            shownState = state;
            shownScopes = scopes;
        }
        ObjectNode local = servers.putObject("local");
        local.put("role", self.role().wireName());
        ArrayNode localScopes = local.putArray("scopes");
        shownScopes.stream().sorted().forEach(localScopes::add);
        local.put("server-name", config.thisServerName());
        local.put("state", shownState.wireName());
        if (partner != null) {
            ObjectNode remote = servers.putObject("remote");
            boolean interrupted = communicationInterrupted();
            UnackedClients unacked = comm.unacked();
            Long clockSkewSeconds = comm.clockSkewSeconds();
            HaState partnerState = comm.partnerState();
            remote.put("age", comm.ageSeconds());
            remote.put("analyzed-packets", unacked.analyzedPackets());
            if (clockSkewSeconds == null) {
                remote.putNull("clock-skew");
            } else {
                remote.put("clock-skew", clockSkewSeconds);
            }
            remote.put("communication-interrupted", interrupted);
            remote.put("connecting-clients", unacked.connecting());
            remote.put("in-touch", comm.inTouch());
            ArrayNode last = remote.putArray("last-scopes");
            comm.partnerScopes().stream().sorted().forEach(last::add);
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
