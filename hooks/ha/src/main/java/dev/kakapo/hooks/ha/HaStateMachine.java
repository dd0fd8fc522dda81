package dev.kakapo.hooks.ha;

/**
 * The HA state machine of one relationship as a pure function: from what this server knows now
 * (a {@link Situation}) to what it does next (a {@link Transition}). No clock, no network, no
 * threads: the relationship gathers the facts, asks, and carries the answer out, so every rule
 * below has a test of its own.
 *
 * <p>The rules are Kea's ({@code ha_service.cc}, handler by handler), and where Kea lets a
 * window open in which an address could go to two clients or an acknowledged lease be missed,
 * Kakapo's own, each named in {@link Rule} and listed with its reason in docs/ha-faults.md.
 */
final class HaStateMachine {

    /** Kea: a partner terminated for this long while we wait makes us give up and terminate too. */
    static final long WAITING_TO_TERMINATED_SECONDS = 600;

    /** What the relationship knows when the machine runs. */
    record Situation(
            /* this server */
            HaState state, PeerRole role, HaMode mode, boolean syncLeases, boolean allowsCommunicationRecovery,
            boolean paused,
            /* the partner as the last heartbeat (or failed update) left it; null: never heard */
            HaState partnerState,
            /* communication-state facts */
            boolean communicationInterrupted, boolean failureDetected, boolean clockSkewTerminates,
            boolean rejectedUpdatesTerminate, boolean partnerMissedUpdates,
            /* Kakapo: this server committed leases alone since the partner last fetched its leases */
            boolean servedAloneSincePartnerSynced,
            /* Kakapo: for leaving terminated once the clocks agree again */
            boolean clockSkewWarns, boolean terminatedForRejects,
            long partnerTerminatedSeconds,
            /* communication-recovery's backlog */
            boolean backlogOverflowed) {

        /** The state this server keeps while all is well. */
        HaState normalState() {
            if (role == PeerRole.BACKUP) {
                return HaState.BACKUP;
            }
            switch (mode) {
                case LOAD_BALANCING:
                    return HaState.LOAD_BALANCING;
                case HOT_STANDBY:
                    return HaState.HOT_STANDBY;
                default:
                    return HaState.PASSIVE_BACKUP;
            }
        }

        boolean partnerUnavailable() {
            return partnerState == null || partnerState == HaState.UNAVAILABLE;
        }
    }

    /** Why the machine did what it did: the rule, for logs and tests. */
    enum Rule {
        STAY,
        PAUSED,
        ROLE_BACKUP,
        MODE_PASSIVE_BACKUP,
        CLOCK_SKEW_OR_REJECTS_TERMINATE,
        PARTNER_STATE_INVALID_FOR_MODE,
        PARTNER_DOWN_DETECTED,
        START_SYNC_WITH_PARTNER,
        PRIMARY_WINS_TIE,
        PARTNER_TERMINATED,
        PARTNER_TERMINATED_FOR_LONG,
        SYNC,
        SYNC_DONE,
        PARTNER_SERVING,
        /** Kakapo: ready, and the partner committed leases alone after our synchronisation. */
        PARTNER_SERVED_ALONE_SINCE_OUR_SYNC,
        PARTNER_IN_MAINTENANCE,
        PARTNER_STARTS_MAINTENANCE,
        PARTNER_THINKS_WE_ARE_DOWN,
        COMMUNICATION_RECOVERY,
        BACKLOG_OVERFLOWED_PARTNER_RESYNCS,
        REPLAY_BACKLOG,
        PARTNER_IN_UNEXPECTED_STATE,
        PARTNER_RESTARTS,
        PARTNER_READY_WITHOUT_MISSED_UPDATES,
        PARTNER_READY_MISSED_UPDATES,
        /** Kakapo: the partner is ready, but from a synchronisation older than leases we committed alone since. */
        PARTNER_READY_FROM_AN_OLDER_SYNC,
        /** Kakapo: terminated for the clock skew, and the clocks agree again. */
        CLOCK_SKEW_CORRECTED,
        MAINTENANCE_PARTNER_GONE
    }

    /** What the relationship does besides (or instead of) changing state. */
    enum Action {
        NONE,
        /** Fetch the partner's leases; {@link #afterSync} says what next. */
        SYNC,
        /** Send communication-recovery's backlog; {@link #afterBacklog} says what next. */
        SEND_BACKLOG,
        /** Ask the partner to start over ({@code ha-reset}), so that it synchronises from us again. */
        RESET_PARTNER
    }

    /** The machine's answer: a state to enter (null: stay), an action, and the rule that decided. */
    record Transition(HaState next, Action action, Rule rule) {

        static Transition stay(Rule rule) {
            return new Transition(null, Action.NONE, rule);
        }

        static Transition to(HaState next, Rule rule) {
            return new Transition(next, Action.NONE, rule);
        }

        static Transition act(Action action, Rule rule) {
            return new Transition(null, action, rule);
        }

        boolean stays() {
            return next == null;
        }
    }

    private HaStateMachine() {
    }

    /** The next step from {@code s}. */
    static Transition next(Situation s) {
        if (s.paused()) {
            return Transition.stay(Rule.PAUSED);
        }
        switch (s.state()) {
            case WAITING:
                return waiting(s);
            case SYNCING:
                return syncing(s);
            case READY:
                return ready(s);
            case HOT_STANDBY:
            case LOAD_BALANCING:
                return normal(s);
            case COMMUNICATION_RECOVERY:
                return communicationRecovery(s);
            case PARTNER_DOWN:
                return partnerDown(s);
            case PARTNER_IN_MAINTENANCE:
                return partnerInMaintenance(s);
            case TERMINATED:
                return terminated(s);
            default:
                // backup, passive-backup and in-maintenance leave only by command or restart
                return Transition.stay(Rule.STAY);
        }
    }

    /**
     * Kea's failure detection: communication interrupted for max-response-delay, and, where this
     * server can see the partner's clients (it serves, in load-balancing or as the standby),
     * more clients left unanswered than max-unacked-clients allows.
     */
    static boolean shouldPartnerDown(Situation s) {
        if (!s.communicationInterrupted()) {
            return false;
        }
        if (s.state().serving() && (s.mode() == HaMode.LOAD_BALANCING || s.role() == PeerRole.STANDBY)) {
            return s.failureDetected();
        }
        return true;
    }

    private static boolean partnerStateInvalid(Situation s) {
        HaState partner = s.partnerState();
        return partner == HaState.COMMUNICATION_RECOVERY && s.mode() != HaMode.LOAD_BALANCING
                || partner == HaState.HOT_STANDBY && s.mode() != HaMode.HOT_STANDBY
                || partner == HaState.LOAD_BALANCING && s.mode() != HaMode.LOAD_BALANCING;
    }

    private static boolean shouldTerminate(Situation s) {
        return s.clockSkewTerminates() || s.rejectedUpdatesTerminate();
    }

    private static Transition unavailable(Situation s) {
        return shouldPartnerDown(s) ? Transition.to(HaState.PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED)
                : Transition.stay(Rule.STAY);
    }

    private static Transition waiting(Situation s) {
        if (s.role() == PeerRole.BACKUP) {
            return Transition.to(HaState.BACKUP, Rule.ROLE_BACKUP);
        }
        if (s.mode() == HaMode.PASSIVE_BACKUP) {
            return Transition.to(HaState.PASSIVE_BACKUP, Rule.MODE_PASSIVE_BACKUP);
        }
        if (shouldTerminate(s)) {
            return Transition.to(HaState.TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE);
        }
        if (partnerStateInvalid(s)) {
            return Transition.stay(Rule.PARTNER_STATE_INVALID_FOR_MODE);
        }
        if (s.partnerUnavailable()) {
            return unavailable(s);
        }
        HaState syncOrReady = s.syncLeases() ? HaState.SYNCING : HaState.READY;
        switch (s.partnerState()) {
            case COMMUNICATION_RECOVERY:
            case HOT_STANDBY:
            case LOAD_BALANCING:
            case IN_MAINTENANCE:
            case PARTNER_DOWN:
            case PARTNER_IN_MAINTENANCE:
            case READY:
                return Transition.to(syncOrReady, Rule.START_SYNC_WITH_PARTNER);
            case WAITING:
                return s.role() == PeerRole.PRIMARY ? Transition.to(syncOrReady, Rule.PRIMARY_WINS_TIE)
                        : Transition.stay(Rule.STAY);
            case TERMINATED:
                return s.partnerTerminatedSeconds() >= WAITING_TO_TERMINATED_SECONDS
                        ? Transition.to(HaState.TERMINATED, Rule.PARTNER_TERMINATED_FOR_LONG) : Transition.stay(Rule.STAY);
            default:
                return Transition.stay(Rule.STAY); // syncing: wait for it
        }
    }

    private static Transition syncing(Situation s) {
        if (shouldTerminate(s)) {
            return Transition.to(HaState.TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE);
        }
        if (partnerStateInvalid(s)) {
            return Transition.to(HaState.WAITING, Rule.PARTNER_STATE_INVALID_FOR_MODE);
        }
        if (s.partnerState() == HaState.TERMINATED) {
            return Transition.to(HaState.TERMINATED, Rule.PARTNER_TERMINATED);
        }
        if (s.partnerUnavailable()) {
            return unavailable(s);
        }
        return Transition.act(Action.SYNC, Rule.SYNC);
    }

    /** What syncing does once the synchronisation ended: ready when it worked, another try otherwise. */
    static Transition afterSync(boolean succeeded) {
        return succeeded ? Transition.to(HaState.READY, Rule.SYNC_DONE) : Transition.stay(Rule.STAY);
    }

    private static Transition ready(Situation s) {
        if (shouldTerminate(s)) {
            return Transition.to(HaState.TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE);
        }
        if (partnerStateInvalid(s)) {
            return Transition.to(HaState.WAITING, Rule.PARTNER_STATE_INVALID_FOR_MODE);
        }
        if (s.partnerUnavailable()) {
            return unavailable(s);
        }
        switch (s.partnerState()) {
            case HOT_STANDBY:
            case LOAD_BALANCING:
            case COMMUNICATION_RECOVERY:
                // Kakapo: a partner that served alone after we fetched its leases (we synchronised,
                // its heartbeats to us failed, it went on) has leases we lack: fetch them again
                // first, or we give their addresses away. Kea goes straight to its normal state.
                return s.partnerMissedUpdates() ? Transition.to(HaState.WAITING, Rule.PARTNER_SERVED_ALONE_SINCE_OUR_SYNC)
                        : Transition.to(s.normalState(), Rule.PARTNER_SERVING);
            case IN_MAINTENANCE:
                return Transition.to(HaState.PARTNER_IN_MAINTENANCE, Rule.PARTNER_IN_MAINTENANCE);
            case PARTNER_IN_MAINTENANCE:
                return Transition.to(HaState.IN_MAINTENANCE, Rule.PARTNER_STARTS_MAINTENANCE);
            case READY:
                return s.role() == PeerRole.PRIMARY ? Transition.to(s.normalState(), Rule.PRIMARY_WINS_TIE)
                        : Transition.stay(Rule.STAY);
            case TERMINATED:
                return Transition.to(HaState.TERMINATED, Rule.PARTNER_TERMINATED);
            default:
                return Transition.stay(Rule.STAY);
        }
    }

    /** The transitions every serving state makes on the partner's word, or null. */
    private static Transition followPartner(Situation s) {
        switch (s.partnerState()) {
            case IN_MAINTENANCE:
                return Transition.to(HaState.PARTNER_IN_MAINTENANCE, Rule.PARTNER_IN_MAINTENANCE);
            case PARTNER_DOWN:
                return Transition.to(HaState.WAITING, Rule.PARTNER_THINKS_WE_ARE_DOWN);
            case PARTNER_IN_MAINTENANCE:
                return Transition.to(HaState.IN_MAINTENANCE, Rule.PARTNER_STARTS_MAINTENANCE);
            case TERMINATED:
                return Transition.to(HaState.TERMINATED, Rule.PARTNER_TERMINATED);
            default:
                return null;
        }
    }

    private static Transition normal(Situation s) {
        if (shouldTerminate(s)) {
            return Transition.to(HaState.TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE);
        }
        if (partnerStateInvalid(s)) {
            return Transition.to(HaState.WAITING, Rule.PARTNER_STATE_INVALID_FOR_MODE);
        }
        if (s.partnerUnavailable()) {
            if (shouldPartnerDown(s)) {
                return Transition.to(HaState.PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED);
            }
            return s.allowsCommunicationRecovery() ? Transition.to(HaState.COMMUNICATION_RECOVERY, Rule.COMMUNICATION_RECOVERY)
                    : Transition.stay(Rule.STAY);
        }
        Transition follow = followPartner(s);
        return follow != null ? follow : Transition.stay(Rule.STAY);
    }

    private static Transition communicationRecovery(Situation s) {
        if (shouldTerminate(s)) {
            return Transition.to(HaState.TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE);
        }
        if (partnerStateInvalid(s)) {
            return Transition.to(HaState.WAITING, Rule.PARTNER_STATE_INVALID_FOR_MODE);
        }
        if (s.partnerUnavailable()) {
            return unavailable(s);
        }
        Transition follow = followPartner(s);
        if (follow != null) {
            return follow;
        }
        switch (s.partnerState()) {
            case WAITING:
            case SYNCING:
            case READY:
                // The partner starts over; with our backlog lost, we must resynchronise too.
                return !s.communicationInterrupted() && s.backlogOverflowed()
                        ? Transition.to(HaState.WAITING, Rule.BACKLOG_OVERFLOWED_PARTNER_RESYNCS) : Transition.stay(Rule.STAY);
            default:
                break;
        }
        if (s.communicationInterrupted()) {
            return Transition.stay(Rule.STAY);
        }
        if (s.partnerState() == s.normalState() || s.partnerState() == HaState.COMMUNICATION_RECOVERY) {
            return Transition.act(Action.SEND_BACKLOG, Rule.REPLAY_BACKLOG);
        }
        return Transition.to(HaState.WAITING, Rule.PARTNER_IN_UNEXPECTED_STATE);
    }

    /**
     * What communication-recovery does after trying its backlog: back to normal when every update
     * went through; otherwise the partner was asked to start over ({@code ha-reset}) and, when it
     * agreed, this server starts over too.
     */
    static Transition afterBacklog(Situation s, boolean sent, boolean resetAccepted) {
        if (sent) {
            return Transition.to(s.normalState(), Rule.REPLAY_BACKLOG);
        }
        return resetAccepted ? Transition.to(HaState.WAITING, Rule.BACKLOG_OVERFLOWED_PARTNER_RESYNCS)
                : Transition.stay(Rule.STAY);
    }

    private static Transition partnerDown(Situation s) {
        if (shouldTerminate(s)) {
            return Transition.to(HaState.TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE);
        }
        if (partnerStateInvalid(s)) {
            return Transition.to(HaState.WAITING, Rule.PARTNER_STATE_INVALID_FOR_MODE);
        }
        if (s.partnerUnavailable()) {
            return Transition.stay(Rule.STAY);
        }
        switch (s.partnerState()) {
            case COMMUNICATION_RECOVERY:
            case PARTNER_DOWN:
            case PARTNER_IN_MAINTENANCE:
                return Transition.to(HaState.WAITING, Rule.PARTNER_RESTARTS);
            case READY:
                // Kakapo: a partner ready from a synchronisation that predates leases we committed
                // alone (its heartbeats failed after it notified us, and we served on) must fetch
                // them before either of us serves normally; Kea takes it back as it is.
                if (s.servedAloneSincePartnerSynced()) {
                    return Transition.act(Action.RESET_PARTNER, Rule.PARTNER_READY_FROM_AN_OLDER_SYNC);
                }
                return s.partnerMissedUpdates() ? Transition.to(HaState.WAITING, Rule.PARTNER_READY_MISSED_UPDATES)
                        : Transition.to(s.normalState(), Rule.PARTNER_READY_WITHOUT_MISSED_UPDATES);
            case TERMINATED:
                return Transition.to(HaState.TERMINATED, Rule.PARTNER_TERMINATED);
            default:
                return Transition.stay(Rule.STAY);
        }
    }

    /**
     * Kea leaves terminated only by a restart. Kakapo goes on with heartbeats there and, when it
     * terminated for the clock skew and the clocks now agree (within the 30 s Kea warns about) and
     * the partner has left terminated, starts over from waiting, which resynchronises both; when
     * both are terminated, the primary asks the partner to start over first. A termination for
     * refused lease updates waits for the operator, as in Kea.
     */
    private static Transition terminated(Situation s) {
        if (s.terminatedForRejects() || s.partnerUnavailable() || s.clockSkewWarns()) {
            return Transition.stay(Rule.STAY);
        }
        if (s.partnerState() == HaState.TERMINATED) {
            // Both terminated: the primary asks the partner to start over (Kea's ha-reset leaves
            // terminated too) and follows it at the next heartbeat; the other waits for that.
            return s.role() == PeerRole.PRIMARY ? Transition.act(Action.RESET_PARTNER, Rule.CLOCK_SKEW_CORRECTED)
                    : Transition.stay(Rule.STAY);
        }
        return Transition.to(HaState.WAITING, Rule.CLOCK_SKEW_CORRECTED);
    }

    private static Transition partnerInMaintenance(Situation s) {
        if (shouldTerminate(s)) {
            return Transition.to(HaState.TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE);
        }
        return s.partnerUnavailable() ? Transition.to(HaState.PARTNER_DOWN, Rule.MAINTENANCE_PARTNER_GONE)
                : Transition.stay(Rule.STAY);
    }
}
