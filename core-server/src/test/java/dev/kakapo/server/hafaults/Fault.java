package dev.kakapo.server.hafaults;

/**
 * A fault done to an HA lab while clients are served: what is done at the fault and what undoes
 * it, and how long it lasts in between. The node indexes are the lab's: in a pair 0 is the
 * primary and 1 its partner; in the hub and spoke ({@link HaLab#hubAndSpoke}) 0 is the branch
 * whose standby is the hub, 1 the hub, 2 the branch the hub is the primary of.
 */
enum Fault {
    KILL_PRIMARY("kill -9 the primary, restart it 12 s later", 12, kill(0), start(0)),
    KILL_STANDBY("kill -9 the standby (secondary), restart it 12 s later", 12, kill(1), start(1)),
    STOP_PRIMARY_SHORT("SIGSTOP the primary for 2 s (under max-response-delay), then SIGCONT", 2, stop(0), cont(0)),
    STOP_PRIMARY_LONG("SIGSTOP the primary for 10 s (past the failover), then SIGCONT", 10, stop(0), cont(0)),
    STOP_STANDBY_SHORT("SIGSTOP the standby (secondary) for 2 s, then SIGCONT", 2, stop(1), cont(1)),
    STOP_STANDBY_LONG("SIGSTOP the standby (secondary) for 10 s, then SIGCONT", 10, stop(1), cont(1)),
    CUT_SHORT("the peer link cut both ways for 2 s (iptables DROP), then healed", 2, cut(0, 1).then(cut(1, 0)), HaLab::heal),
    CUT_LONG("the peer link cut both ways for 15 s, then healed", 15, cut(0, 1).then(cut(1, 0)), HaLab::heal),
    CUT_PRIMARY_TO_STANDBY("the primary's requests to its partner dropped for 15 s (one way)", 15, cut(0, 1), HaLab::heal),
    CUT_STANDBY_TO_PRIMARY("the partner's requests to the primary dropped for 15 s (one way)", 15, cut(1, 0), HaLab::heal),
    LOSSY_LINK("a fifth of the packets between the peers dropped at random for 15 s (iptables statistic)", 15,
            lab -> lab.lossy(20), HaLab::heal),
    SKEW_35("the partner restarted with its clock 35 s ahead, for 15 s, then restarted right", 15,
            restartWithClock("+35s"), restartWithClock(null)),
    SKEW_70("the partner restarted with its clock 70 s ahead, for 15 s, then restarted right", 15,
            restartWithClock("+70s"), restartWithClock(null)),
    RESTART_DURING_SYNC("kill -9 the standby, restart it, and kill -9 it again while it synchronises; restart", 6,
            lab -> {
                lab.node(1).kill();
                Thread.sleep(6000);
                // Pages of 50 leases make the synchronisation of a few thousand last long enough to be cut short.
                lab.node(1).start();
                lab.awaitState(lab.node(1), "syncing", 20);
                lab.node(1).kill();
            }, start(1)),
    // The hub and spoke lab's faults.
    HUB_KILLED("kill -9 the hub (standby of one branch, primary of another), restart it 12 s later", 12, kill(1), start(1)),
    HUB_STOPPED_SHORT("SIGSTOP the hub for 2 s (under max-response-delay), then SIGCONT", 2, stop(1), cont(1)),
    HUB_STOPPED_LONG("SIGSTOP the hub for 10 s (past the failover), then SIGCONT", 10, stop(1), cont(1)),
    HUB_CUT_OFF("every peer link of the hub cut both ways for 15 s, then healed", 15, lab -> lab.isolate(lab.node(1)),
            HaLab::heal),
    HUB_STOPPED_WHILE_BRANCH_DOWN("kill -9 the hub's standby branch, 4 s later SIGSTOP the hub for 10 s; SIGCONT the hub, "
            + "restart the branch", 10, kill(2).then(lab -> Thread.sleep(4000)).then(stop(1)), cont(1).then(start(2)));

    /** Something done to a lab. */
    @FunctionalInterface
    interface Step {
        void on(HaLab lab) throws Exception;

        /** This, then {@code next}. */
        default Step then(Step next) {
            return lab -> {
                on(lab);
                next.on(lab);
            };
        }
    }

    private final String description;
    private final int seconds;
    private final Step inject;
    private final Step heal;

    Fault(String description, int seconds, Step inject, Step heal) {
        this.description = description;
        this.seconds = seconds;
        this.inject = inject;
        this.heal = heal;
    }

    String description() {
        return description;
    }

    /** How long the fault lasts between {@link #inject} and {@link #heal}. */
    int seconds() {
        return seconds;
    }

    void inject(HaLab lab) throws Exception {
        inject.on(lab);
    }

    /** Undoes the fault. */
    void heal(HaLab lab) throws Exception {
        heal.on(lab);
    }

    private static Step kill(int node) {
        return lab -> lab.node(node).kill();
    }

    private static Step start(int node) {
        return lab -> lab.node(node).start();
    }

    private static Step stop(int node) {
        return lab -> lab.node(node).stop();
    }

    private static Step cont(int node) {
        return lab -> lab.node(node).cont();
    }

    private static Step cut(int from, int to) {
        return lab -> lab.cut(lab.node(from), lab.node(to));
    }

    /** Restarts the partner (node 1) with its clock {@code offset} ahead, or right when null. */
    private static Step restartWithClock(String offset) {
        return lab -> {
            HaLab.Node partner = lab.node(1);
            partner.kill();
            partner.clockOffset(offset);
            partner.start();
        };
    }
}
