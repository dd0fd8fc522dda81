package dev.kakapo.server.hafaults;

import java.io.IOException;

/**
 * A fault done to an HA lab while clients are served: what is done at the fault and what undoes
 * it, and how long it lasts in between. The node indexes are the lab's (0 is the primary).
 */
enum Fault {
    KILL_PRIMARY("kill -9 the primary, restart it 12 s later", 12) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(0).kill();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(0).start();
        }
    },
    KILL_STANDBY("kill -9 the standby (secondary), restart it 12 s later", 12) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(1).kill();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).start();
        }
    },
    STOP_PRIMARY_SHORT("SIGSTOP the primary for 2 s (under max-response-delay), then SIGCONT", 2) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(0).stop();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(0).cont();
        }
    },
    STOP_PRIMARY_LONG("SIGSTOP the primary for 10 s (past the failover), then SIGCONT", 10) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(0).stop();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(0).cont();
        }
    },
    STOP_STANDBY_SHORT("SIGSTOP the standby (secondary) for 2 s, then SIGCONT", 2) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(1).stop();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).cont();
        }
    },
    STOP_STANDBY_LONG("SIGSTOP the standby (secondary) for 10 s, then SIGCONT", 10) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(1).stop();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).cont();
        }
    },
    CUT_SHORT("the peer link cut both ways for 2 s (iptables DROP), then healed", 2) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.cut(lab.node(0), lab.node(1));
            lab.cut(lab.node(1), lab.node(0));
        }
    },
    CUT_LONG("the peer link cut both ways for 15 s, then healed", 15) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.cut(lab.node(0), lab.node(1));
            lab.cut(lab.node(1), lab.node(0));
        }
    },
    CUT_PRIMARY_TO_STANDBY("the primary's requests to its partner dropped for 15 s (one way)", 15) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.cut(lab.node(0), lab.node(1));
        }
    },
    CUT_STANDBY_TO_PRIMARY("the partner's requests to the primary dropped for 15 s (one way)", 15) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.cut(lab.node(1), lab.node(0));
        }
    },
    LOSSY_LINK("a fifth of the packets between the peers dropped at random for 15 s (iptables statistic)", 15) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.lossy(20);
        }
    },
    SKEW_35("the partner restarted with its clock 35 s ahead, for 15 s, then restarted right", 15) {
        @Override
        void inject(HaLab lab) throws Exception {
            restartWithClock(lab, "+35s");
        }

        @Override
        void heal(HaLab lab) throws Exception {
            restartWithClock(lab, null);
        }
    },
    SKEW_70("the partner restarted with its clock 70 s ahead, for 15 s, then restarted right", 15) {
        @Override
        void inject(HaLab lab) throws Exception {
            restartWithClock(lab, "+70s");
        }

        @Override
        void heal(HaLab lab) throws Exception {
            restartWithClock(lab, null);
        }
    },
    RESTART_DURING_SYNC("kill -9 the standby, restart it, and kill -9 it again while it synchronises; restart", 6) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(1).kill();
            Thread.sleep(6000);
            // Pages of 50 leases make the synchronisation of a few thousand last long enough to be cut short.
            lab.node(1).start();
            lab.awaitState(lab.node(1), "syncing", 20);
            lab.node(1).kill();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).start();
        }
    },
    // The hub and spoke lab's faults (HaLab.hubAndSpoke): node 0 is the branch whose standby is
    // the hub, node 1 the hub, node 2 the branch the hub is the primary of.
    HUB_KILLED("kill -9 the hub (standby of one branch, primary of another), restart it 12 s later", 12) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(1).kill();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).start();
        }
    },
    HUB_STOPPED_SHORT("SIGSTOP the hub for 2 s (under max-response-delay), then SIGCONT", 2) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(1).stop();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).cont();
        }
    },
    HUB_STOPPED_LONG("SIGSTOP the hub for 10 s (past the failover), then SIGCONT", 10) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(1).stop();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).cont();
        }
    },
    HUB_CUT_OFF("every peer link of the hub cut both ways for 15 s, then healed", 15) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.isolate(lab.node(1));
        }
    },
    HUB_STOPPED_WHILE_BRANCH_DOWN("kill -9 the hub's standby branch, 4 s later SIGSTOP the hub for 10 s; SIGCONT the hub, "
            + "restart the branch", 10) {
        @Override
        void inject(HaLab lab) throws Exception {
            lab.node(2).kill();
            Thread.sleep(4000);
            lab.node(1).stop();
        }

        @Override
        void heal(HaLab lab) throws Exception {
            lab.node(1).cont();
            lab.node(2).start();
        }
    };

    private final String description;
    private final int seconds;

    Fault(String description, int seconds) {
        this.description = description;
        this.seconds = seconds;
    }

    String description() {
        return description;
    }

    /** How long the fault lasts between {@link #inject} and {@link #heal}. */
    int seconds() {
        return seconds;
    }

    abstract void inject(HaLab lab) throws Exception;

    /** Undoes the fault; by default lifts the lab's cuts and packet loss. */
    void heal(HaLab lab) throws Exception {
        lab.heal();
    }

    private static void restartWithClock(HaLab lab, String offset) throws IOException, InterruptedException {
        HaLab.Node partner = lab.node(1);
        partner.kill();
        partner.clockOffset(offset);
        partner.start();
    }
}
