package dev.kakapo.hooks.ha;

import dev.kakapo.hooks.ha.HaStateMachine.Action;
import dev.kakapo.hooks.ha.HaStateMachine.Rule;
import dev.kakapo.hooks.ha.HaStateMachine.Situation;
import dev.kakapo.hooks.ha.HaStateMachine.Transition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.kakapo.hooks.ha.HaState.COMMUNICATION_RECOVERY;
import static dev.kakapo.hooks.ha.HaState.HOT_STANDBY;
import static dev.kakapo.hooks.ha.HaState.IN_MAINTENANCE;
import static dev.kakapo.hooks.ha.HaState.LOAD_BALANCING;
import static dev.kakapo.hooks.ha.HaState.PARTNER_DOWN;
import static dev.kakapo.hooks.ha.HaState.PARTNER_IN_MAINTENANCE;
import static dev.kakapo.hooks.ha.HaState.READY;
import static dev.kakapo.hooks.ha.HaState.SYNCING;
import static dev.kakapo.hooks.ha.HaState.TERMINATED;
import static dev.kakapo.hooks.ha.HaState.UNAVAILABLE;
import static dev.kakapo.hooks.ha.HaState.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The state machine rule by rule: each test sets the facts one rule looks at and checks its answer. */
class HaStateMachineTest {

    /** A hot-standby primary in {@code state} whose partner is in hot-standby and answers; tests change what they need. */
    private static final class Facts {
        HaState state = HOT_STANDBY;
        PeerRole role = PeerRole.PRIMARY;
        HaMode mode = HaMode.HOT_STANDBY;
        boolean syncLeases = true;
        boolean communicationRecovery;
        boolean paused;
        HaState partner = HOT_STANDBY;
        boolean interrupted;
        boolean failureDetected;
        boolean skewTerminates;
        boolean rejectsTerminate;
        boolean partnerMissedUpdates;
        boolean servedAlone;
        boolean skewWarns;
        boolean terminatedForRejects;
        long partnerStateSeconds;
        boolean backlogOverflowed;

        Facts in(HaState s) {
            state = s;
            return this;
        }

        Facts as(PeerRole r) {
            role = r;
            return this;
        }

        Facts mode(HaMode m) {
            mode = m;
            return this;
        }

        Facts partner(HaState p) {
            partner = p;
            return this;
        }

        Facts partnerDown() {
            partner = UNAVAILABLE;
            interrupted = true;
            return this;
        }

        Situation situation() {
            return new Situation(state, role, mode, syncLeases, communicationRecovery, paused, partner, interrupted,
                    failureDetected, skewTerminates, rejectsTerminate, partnerMissedUpdates, servedAlone, skewWarns,
                    terminatedForRejects, partnerStateSeconds,
                    backlogOverflowed);
        }

        Transition next() {
            return HaStateMachine.next(situation());
        }
    }

    private static Facts facts() {
        return new Facts();
    }

    private static void assertTransition(HaState expected, Rule rule, Transition transition) {
        assertEquals(expected, transition.next(), transition.toString());
        assertEquals(rule, transition.rule(), transition.toString());
    }

    @Test
    void aPausedMachineStaysWhateverHappens() {
        Facts facts = facts().partnerDown();
        facts.paused = true;
        assertTransition(null, Rule.PAUSED, facts.next());
    }

    @Nested
    class Waiting {

        @Test
        void aBackupGoesToBackup() {
            assertTransition(HaState.BACKUP, Rule.ROLE_BACKUP, facts().in(WAITING).as(PeerRole.BACKUP).next());
        }

        @Test
        void passiveBackupModeGoesToPassiveBackup() {
            assertTransition(HaState.PASSIVE_BACKUP, Rule.MODE_PASSIVE_BACKUP,
                    facts().in(WAITING).mode(HaMode.PASSIVE_BACKUP).next());
        }

        @Test
        void aPartnerThatServesOrIsReadyMakesUsSynchronise() {
            for (HaState partner : new HaState[] {HOT_STANDBY, PARTNER_DOWN, READY, IN_MAINTENANCE, PARTNER_IN_MAINTENANCE}) {
                assertTransition(SYNCING, Rule.START_SYNC_WITH_PARTNER, facts().in(WAITING).as(PeerRole.STANDBY)
                        .partner(partner).next());
            }
        }

        @Test
        void withoutLeaseSynchronisationWeGoStraightToReady() {
            Facts facts = facts().in(WAITING).partner(PARTNER_DOWN);
            facts.syncLeases = false;
            assertTransition(READY, Rule.START_SYNC_WITH_PARTNER, facts.next());
        }

        @Test
        void whenBothWaitTheOnlyPrimaryMovesOn() {
            assertTransition(SYNCING, Rule.PRIMARY_WINS_TIE, facts().in(WAITING).partner(WAITING).next());
            assertTransition(null, Rule.STAY, facts().in(WAITING).as(PeerRole.STANDBY).partner(WAITING).next());
        }

        @Test
        void aSynchronisingPartnerIsWaitedFor() {
            assertTransition(null, Rule.STAY, facts().in(WAITING).partner(SYNCING).next());
        }

        @Test
        void aPartnerSilentForMaxResponseDelayIsDeclaredDown() {
            assertTransition(PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED, facts().in(WAITING).partnerDown().next());
        }

        @Test
        void aPartnerThatFailedOnceButAnsweredLatelyIsNotDown() {
            assertTransition(null, Rule.STAY, facts().in(WAITING).partner(UNAVAILABLE).next());
        }

        @Test
        void aPartnerNeverHeardFromIsUnavailable() {
            Facts facts = facts().in(WAITING).partner(null);
            facts.interrupted = true;
            assertTransition(PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED, facts.next());
        }

        @Test
        void aTerminatedPartnerIsWaitedForTenMinutesThenFollowed() {
            Facts facts = facts().in(WAITING).partner(TERMINATED);
            facts.partnerStateSeconds = 599;
            assertTransition(null, Rule.STAY, facts.next());
            facts.partnerStateSeconds = 600;
            assertTransition(TERMINATED, Rule.PARTNER_TERMINATED_FOR_LONG, facts.next());
        }

        @Test
        void aPartnerInAStateOfAnotherModeKeepsUsWaiting() {
            assertTransition(null, Rule.PARTNER_STATE_INVALID_FOR_MODE, facts().in(WAITING).partner(LOAD_BALANCING).next());
        }

        @Test
        void aClockTooFarOffTerminates() {
            Facts facts = facts().in(WAITING).partner(WAITING);
            facts.skewTerminates = true;
            assertTransition(TERMINATED, Rule.CLOCK_SKEW_OR_REJECTS_TERMINATE, facts.next());
        }
    }

    @Nested
    class Syncing {

        @Test
        void aReachablePartnerIsSynchronisedFrom() {
            Transition transition = facts().in(SYNCING).as(PeerRole.STANDBY).partner(PARTNER_DOWN).next();
            assertEquals(Action.SYNC, transition.action());
            assertNull(transition.next());
        }

        @Test
        void aSuccessfulSyncMakesUsReadyAFailedOneTriesAgain() {
            assertTransition(READY, Rule.SYNC_DONE, HaStateMachine.afterSync(true));
            assertTransition(null, Rule.STAY, HaStateMachine.afterSync(false));
        }

        @Test
        void aPartnerGoneDownWhileWeSyncIsDeclaredDownInsteadOfSyncingForever() {
            assertTransition(PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED, facts().in(SYNCING).partnerDown().next());
        }

        @Test
        void aTerminatedPartnerTerminatesUs() {
            assertTransition(TERMINATED, Rule.PARTNER_TERMINATED, facts().in(SYNCING).partner(TERMINATED).next());
        }
    }

    @Nested
    class Ready {

        @Test
        void aServingPartnerLetsUsServeToo() {
            assertTransition(HOT_STANDBY, Rule.PARTNER_SERVING, facts().in(READY).as(PeerRole.STANDBY).partner(HOT_STANDBY).next());
        }

        @Test
        void aServingPartnerThatCommittedLeasesAloneSinceOurSyncIsSynchronisedFromAgain() {
            Facts facts = facts().in(READY).partner(HOT_STANDBY);
            facts.partnerMissedUpdates = true;
            assertTransition(WAITING, Rule.PARTNER_SERVED_ALONE_SINCE_OUR_SYNC, facts.next());
        }

        @Test
        void whenBothAreReadyThePrimaryGoesFirst() {
            assertTransition(HOT_STANDBY, Rule.PRIMARY_WINS_TIE, facts().in(READY).partner(READY).next());
            assertTransition(null, Rule.STAY, facts().in(READY).as(PeerRole.STANDBY).partner(READY).next());
        }

        @Test
        void aPartnerStillServingAloneIsWaitedFor() {
            assertTransition(null, Rule.STAY, facts().in(READY).as(PeerRole.STANDBY).partner(PARTNER_DOWN).next());
        }

        @Test
        void maintenanceIsFollowed() {
            assertTransition(PARTNER_IN_MAINTENANCE, Rule.PARTNER_IN_MAINTENANCE, facts().in(READY).partner(IN_MAINTENANCE).next());
            assertTransition(IN_MAINTENANCE, Rule.PARTNER_STARTS_MAINTENANCE,
                    facts().in(READY).partner(PARTNER_IN_MAINTENANCE).next());
        }
    }

    @Nested
    class Normal {

        @Test
        void theHotStandbyPrimaryDeclaresASilentPartnerDownAtOnce() {
            assertTransition(PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED, facts().partnerDown().next());
        }

        @Test
        void theStandbyWaitsForUnansweredClientsWhenMaxUnackedClientsAllowsSome() {
            Facts facts = facts().as(PeerRole.STANDBY).partnerDown();
            assertTransition(null, Rule.STAY, facts.next());
            facts.failureDetected = true;
            assertTransition(PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED, facts.next());
        }

        @Test
        void loadBalancingGoesToCommunicationRecoveryWhenAllowedAndThePartnerFails() {
            Facts facts = facts().in(LOAD_BALANCING).mode(HaMode.LOAD_BALANCING).partner(UNAVAILABLE);
            facts.communicationRecovery = true;
            assertTransition(COMMUNICATION_RECOVERY, Rule.COMMUNICATION_RECOVERY, facts.next());
        }

        @Test
        void aPartnerThatDeclaredUsDownMakesUsStartOver() {
            assertTransition(WAITING, Rule.PARTNER_THINKS_WE_ARE_DOWN, facts().partner(PARTNER_DOWN).next());
        }

        @Test
        void aPartnerInAnotherModesStateMakesUsWait() {
            assertTransition(WAITING, Rule.PARTNER_STATE_INVALID_FOR_MODE, facts().partner(LOAD_BALANCING).next());
        }

        @Test
        void aPartnerThatServesNormallyChangesNothing() {
            assertTransition(null, Rule.STAY, facts().partner(HOT_STANDBY).next());
        }
    }

    @Nested
    class PartnerDown {

        @Test
        void aPartnerStillUnreachableChangesNothing() {
            assertTransition(null, Rule.STAY, facts().in(PARTNER_DOWN).partnerDown().next());
        }

        @Test
        void aReadyPartnerThatMissedNoUpdatesTakesUsBackToNormal() {
            assertTransition(HOT_STANDBY, Rule.PARTNER_READY_WITHOUT_MISSED_UPDATES, facts().in(PARTNER_DOWN).partner(READY).next());
        }

        @Test
        void aReadyPartnerFromASyncOlderThanOurLastLeasesIsAskedToSynchroniseAgain() {
            Facts facts = facts().in(PARTNER_DOWN).partner(READY);
            facts.servedAlone = true;
            facts.partnerMissedUpdates = true;
            Transition transition = facts.next();
            assertEquals(Action.RESET_PARTNER, transition.action());
            assertEquals(Rule.PARTNER_READY_FROM_AN_OLDER_SYNC, transition.rule());
        }

        @Test
        void aReadyPartnerThatCommittedLeasesWeNeverGotMakesUsSynchroniseFirst() {
            Facts facts = facts().in(PARTNER_DOWN).partner(READY);
            facts.partnerMissedUpdates = true;
            assertTransition(WAITING, Rule.PARTNER_READY_MISSED_UPDATES, facts.next());
        }

        @Test
        void aPartnerAlsoDownOrRecoveringMakesUsStartOver() {
            for (HaState partner : new HaState[] {PARTNER_DOWN, COMMUNICATION_RECOVERY, PARTNER_IN_MAINTENANCE}) {
                assertTransition(WAITING, Rule.PARTNER_RESTARTS, facts().in(PARTNER_DOWN).mode(HaMode.LOAD_BALANCING)
                        .partner(partner).next());
            }
        }

        @Test
        void aPartnerStillInItsNormalStateIsLeftToNoticeUsAndSynchroniseFromUs() {
            // Going to waiting here would make us fetch its leases while it never fetches ours.
            assertTransition(null, Rule.STAY, facts().in(PARTNER_DOWN).as(PeerRole.STANDBY).partner(HOT_STANDBY).next());
            assertTransition(null, Rule.STAY, facts().in(PARTNER_DOWN).mode(HaMode.LOAD_BALANCING).partner(LOAD_BALANCING).next());
        }

        @Test
        void aPartnerSynchronisingFromUsIsWaitedFor() {
            assertTransition(null, Rule.STAY, facts().in(PARTNER_DOWN).partner(SYNCING).next());
            assertTransition(null, Rule.STAY, facts().in(PARTNER_DOWN).partner(WAITING).next());
        }
    }

    @Nested
    class CommunicationRecovery {

        private Facts recovering() {
            Facts facts = facts().in(COMMUNICATION_RECOVERY).mode(HaMode.LOAD_BALANCING).partner(LOAD_BALANCING);
            facts.communicationRecovery = true;
            return facts;
        }

        @Test
        void aPartnerBackInItsNormalStateGetsTheBacklog() {
            assertEquals(Action.SEND_BACKLOG, recovering().next().action());
        }

        @Test
        void aSentBacklogMeansNormalAgainAFailedOneAResetAndWaiting() {
            Situation situation = recovering().situation();
            assertTransition(LOAD_BALANCING, Rule.REPLAY_BACKLOG, HaStateMachine.afterBacklog(situation, true, false));
            assertTransition(WAITING, Rule.BACKLOG_OVERFLOWED_PARTNER_RESYNCS,
                    HaStateMachine.afterBacklog(situation, false, true));
            assertTransition(null, Rule.STAY, HaStateMachine.afterBacklog(situation, false, false));
        }

        @Test
        void anOverflowedBacklogAndAPartnerStartingOverMeanWeStartOverToo() {
            Facts facts = recovering().partner(SYNCING);
            assertTransition(null, Rule.STAY, facts.next());
            facts.backlogOverflowed = true;
            assertTransition(WAITING, Rule.BACKLOG_OVERFLOWED_PARTNER_RESYNCS, facts.next());
        }

        @Test
        void aSilentPartnerIsDeclaredDownOnceFailureIsDetected() {
            Facts facts = recovering().partnerDown();
            facts.failureDetected = true;
            assertTransition(PARTNER_DOWN, Rule.PARTNER_DOWN_DETECTED, facts.next());
        }
    }

    @Nested
    class PartnerInMaintenance {

        @Test
        void thePartnerShutDownForMaintenanceLeavesUsAlone() {
            assertTransition(PARTNER_DOWN, Rule.MAINTENANCE_PARTNER_GONE,
                    facts().in(PARTNER_IN_MAINTENANCE).partner(UNAVAILABLE).next());
        }
    }

    @Nested
    class Terminated {

        @Test
        void clocksThatAgreeAgainTakeUsBackToWaiting() {
            Facts facts = facts().in(TERMINATED).partner(WAITING);
            assertTransition(WAITING, Rule.CLOCK_SKEW_CORRECTED, facts.next());
            facts.skewWarns = true;
            assertTransition(null, Rule.STAY, facts.next());
        }

        @Test
        void whenBothAreTerminatedThePrimaryResetsItsPartnerAndTheOtherWaits() {
            Transition primary = facts().in(TERMINATED).partner(TERMINATED).next();
            assertEquals(Action.RESET_PARTNER, primary.action());
            assertTransition(null, Rule.STAY, facts().in(TERMINATED).as(PeerRole.STANDBY).partner(TERMINATED).next());
        }

        @Test
        void aTerminationForRefusedUpdatesWaitsForTheOperator() {
            Facts facts = facts().in(TERMINATED).partner(WAITING);
            facts.terminatedForRejects = true;
            assertTransition(null, Rule.STAY, facts.next());
        }
    }

    @Test
    void backupAndMaintenanceStatesWaitForAnOperator() {
        for (HaState state : new HaState[] {HaState.BACKUP, HaState.PASSIVE_BACKUP, IN_MAINTENANCE}) {
            assertTransition(null, Rule.STAY, facts().in(state).partnerDown().next());
        }
    }
}
