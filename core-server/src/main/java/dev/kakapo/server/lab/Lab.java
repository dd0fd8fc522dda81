package dev.kakapo.server.lab;

import dev.kakapo.api.net.Ipv4Address;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code kakapo lab}: the seed article's story on one machine. Starts every server of the
 * deployment, waits for every relationship to settle, loads every subnet, kills one server,
 * shows its partner take over that server's relationships alone, restarts it, shows the resync,
 * and ends with a summary (leases per server, time to take over, acknowledged leases lost).
 * Every process it started is stopped at the end, whatever happens.
 */
public final class Lab {

    private static final long SETTLE_SECONDS = 90;

    private final LabOptions options;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private String takeOver = "-";
    private String resync = "-";

    private Lab(LabOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** What {@code kakapo lab --help} prints. */
    public static String usage() {
        return LabOptions.USAGE;
    }

    /** Runs {@code kakapo lab ARGS}; {@code home} is the project's directory. Returns the exit status. */
    public static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
        LabOptions options;
        try {
            options = LabOptions.parse(args, home);
        } catch (IllegalArgumentException e) {
            err.println("kakapo lab: " + e.getMessage());
            err.println(LabOptions.USAGE);
            return 2;
        }
        try {
            return new Lab(options, out).story();
        } catch (IOException | IllegalArgumentException e) {
            err.println("kakapo lab: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("kakapo lab: interrupted");
            return 1;
        }
    }

    private int story() throws IOException, InterruptedException {
        Path dir = options.dir() != null ? Files.createDirectories(options.dir()) : Files.createTempDirectory("kakapo-lab");
        Map<String, LabServer> servers = new LinkedHashMap<>();
        // Ctrl-C skips the finally below: the hook stops the servers then, so none outlives the lab,
        // and removes the lab's directory unless it is to be kept.
        Thread stopOnExit = new Thread(() -> {
            servers.values().forEach(LabServer::killQuietly);
            if (!options.keep()) {
                servers.values().forEach(LabServer::awaitGone);
                try {
                    deleteTree(dir);
                } catch (IOException | RuntimeException e) {
                    System.err.println("kakapo lab: " + dir + " is left behind: " + e.getMessage());
                }
            }
        }, "kakapo-lab-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            Deployment deployment = Deployment.map(options.files(), dir, !options.articleTimers());
            Deployment.Server victim = deployment.server(options.kill());
            StateTable states = new StateTable(deployment);
            describe(deployment);
            for (Deployment.Server server : deployment.servers()) {
                LabServer process = new LabServer(server, dir.resolve(server.label() + ".log"), options.port());
                servers.put(server.label(), process);
                process.start();
                say(server.label() + " serves on " + server.address() + " (pid " + process.pid() + ")");
            }
            say("waiting for every relationship to settle");
            if (!awaitSteady(states, servers)) {
                return 1;
            }
            DhcpLoad load = new DhcpLoad(targets(deployment), options.port(), options.rate(), 10_000_000);
            load.start();
            try {
                say("loading every subnet at " + (long) options.rate() + " exchanges/s for " + options.seconds() + " s");
                watch(states, servers, load, options.seconds());
                outage(deployment, states, servers, load, victim);
                servers.get(victim.label()).start();
                long restartedAt = System.nanoTime();
                say("restarted " + victim.label() + "; it takes its leases back from its partners");
                resync = awaitSteady(states, servers) ? String.format("%.1f s", (System.nanoTime() - restartedAt) / 1e9)
                        : "not within " + SETTLE_SECONDS + " s";
                watch(states, servers, load, Math.max(1, options.seconds() / 2));
            } finally {
                load.stop();
            }
            Thread.sleep(1000); // the last lease updates reach the partners
            return summary(deployment, states, servers, load);
        } finally {
            for (LabServer server : servers.values()) {
                server.stop();
            }
            boolean shuttingDown = false;
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                shuttingDown = true; // a signal: the hook stops the servers and tidies up
            }
            if (!shuttingDown) {
                say("stopped every server the lab started");
                if (options.keep()) {
                    say("configurations, leases and logs are in " + dir);
                } else {
                    deleteTree(dir);
                }
            }
        }
    }

    /** Longest the lab waits, after the outage phase, for a partner to take the victim's subnets over. */
    private static final int TAKE_OVER_WAIT_SECONDS = 60;

    /**
     * Kills the victim and watches the outage for the phase's length, and longer if no partner
     * has taken the victim's subnets over yet; notes how long those subnets went unanswered.
     */
    private void outage(Deployment deployment, StateTable states, Map<String, LabServer> servers, DhcpLoad load,
                        Deployment.Server victim) throws InterruptedException {
        List<Deployment.Subnet> served = servedBy(deployment, victim);
        servers.get(victim.label()).kill();
        long killedAt = System.nanoTime();
        say("killed " + victim.label() + " (SIGKILL); it was answering "
                + (served.isEmpty() ? "no subnet (standby or backup in all its relationships)" : "subnets " + ids(served)));
        watch(states, servers, load, options.seconds());
        if (served.isEmpty()) {
            takeOver = "nothing to take over";
            return;
        }
        Long first = firstPartnerAcknowledgement(deployment, load, victim, served, killedAt);
        for (int waited = 0; first == null && waited < TAKE_OVER_WAIT_SECONDS; waited++) {
            watch(states, servers, load, 1);
            first = firstPartnerAcknowledgement(deployment, load, victim, served, killedAt);
        }
        takeOver = first == null ? "not within " + (options.seconds() + TAKE_OVER_WAIT_SECONDS) + " s"
                : String.format("%.1f s", (first - killedAt) / 1e9);
    }

    /** When a server other than {@code victim} first acknowledged a lease in one of {@code served} after {@code since}, or null. */
    private static Long firstPartnerAcknowledgement(Deployment deployment, DhcpLoad load, Deployment.Server victim,
                                                    List<Deployment.Subnet> served, long since) {
        Long first = null;
        for (Deployment.Subnet subnet : served) {
            for (Deployment.Relationship r : deployment.relationships()) {
                if (!r.subnets().contains(subnet)) {
                    continue;
                }
                for (String address : r.peerAddresses().values()) {
                    Long at = address.equals(victim.address()) ? null
                            : load.firstAcknowledgement(subnet.id(), Ipv4Address.parse(address));
                    if (at != null && at > since && (first == null || at < first)) {
                        first = at;
                    }
                }
            }
        }
        return first;
    }

    private int summary(Deployment deployment, StateTable states, Map<String, LabServer> servers, DhcpLoad load)
            throws IOException {
        LeaseAudit.Result audit = LeaseAudit.audit(deployment, load.acked());
        out.println();
        out.println("summary");
        out.print(states.draw(states.read(servers)));
        out.printf("  %-12s %-14s %-22s %s%n", "server", "leases held", "acked leases expected", "missing");
        for (LeaseAudit.Holding h : audit.holdings()) {
            out.printf("  %-12s %-14d %-22d %d%n", h.server(), h.leasesHeld(), h.expected(), h.missing());
        }
        out.printf("  exchanges: %d, acknowledged: %d (%d clients), unanswered: %d%n", load.exchanges(), load.acknowledgements(),
                load.acked().size(), load.unanswered());
        out.println("  time to take over: " + takeOver);
        out.println("  time to resync after the restart: " + resync);
        out.println("  acknowledged leases lost: " + audit.lost());
        boolean complete = audit.holdings().stream().allMatch(h -> h.missing() == 0);
        if (!complete) {
            out.println("  some servers miss acknowledged leases (see 'missing'): their partners did not pass them on");
        }
        return audit.lost() == 0 && complete ? 0 : 1;
    }

    private void describe(Deployment deployment) {
        say("deployment of " + deployment.servers().size() + " servers, mapped onto loopback:");
        for (Deployment.Server server : deployment.servers()) {
            out.printf("  %-12s %-12s %s%n", server.label(), server.address(), String.join(", ", server.names()));
        }
        for (Deployment.Relationship r : deployment.relationships()) {
            out.printf("  relationship %s: %s primary, %s %s, backup %s; subnets %s%n", r.label(), r.primary(), r.secondary(),
                    r.secondaryRole(), r.backups().isEmpty() ? "none" : String.join(", ", r.backups()),
                    r.subnets().stream().map(s -> s.id() + " " + s.prefix() + " via relay " + s.relay()).toList());
        }
        if (!options.articleTimers()) {
            say("HA timers shortened for the lab: heartbeat 1 s, partner down after 3 s (--article-timers keeps Kea's)");
        }
    }

    /** Polls the states until every relationship is in its normal state; prints the table when it changes. */
    private boolean awaitSteady(StateTable states, Map<String, LabServer> servers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        String shown = "";
        while (true) {
            Map<String, Map<String, String>> table = states.read(servers);
            String drawn = states.draw(table);
            if (!drawn.equals(shown)) {
                out.print(drawn);
                shown = drawn;
            }
            if (StateTable.steady(table)) {
                say("every relationship is in its normal state");
                return true;
            }
            if (System.nanoTime() > deadline) {
                say("the relationships did not settle within " + SETTLE_SECONDS + " s");
                return false;
            }
            Thread.sleep(500);
        }
    }

    /** Lets the load run for {@code seconds}, printing progress every second and the table when it changes. */
    private void watch(StateTable states, Map<String, LabServer> servers, DhcpLoad load, int seconds)
            throws InterruptedException {
        String shown = "";
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            String drawn = states.draw(states.read(servers));
            Map<Long, Long> clients = new java.util.TreeMap<>();
            load.acked().forEach(a -> clients.merge(a.subnetId(), 1L, Long::sum));
            say("exchanges " + load.exchanges() + ", acknowledged " + load.acknowledgements() + ", unanswered "
                    + load.unanswered() + "; clients with a lease per subnet " + clients);
            if (!drawn.equals(shown)) {
                out.print(drawn);
                shown = drawn;
            }
        }
    }

    /** One relay per subnet, forwarding to the primary and the standby or secondary of the subnet's relationship. */
    private static List<DhcpLoad.Target> targets(Deployment deployment) {
        List<DhcpLoad.Target> targets = new ArrayList<>();
        for (Deployment.Relationship r : deployment.relationships()) {
            List<Ipv4Address> servers = List.of(Ipv4Address.parse(r.peerAddresses().get(r.primary())),
                    Ipv4Address.parse(r.peerAddresses().get(r.secondary())));
            for (Deployment.Subnet subnet : r.subnets()) {
                targets.add(new DhcpLoad.Target(subnet, servers));
            }
        }
        return targets;
    }

    /** The subnets {@code server} answers in normal operation: those of relationships where it is primary. */
    private static List<Deployment.Subnet> servedBy(Deployment deployment, Deployment.Server server) {
        List<Deployment.Subnet> served = new ArrayList<>();
        for (Deployment.Relationship r : deployment.relationships()) {
            boolean answers = server.names().contains(r.primary())
                    || "secondary".equals(r.secondaryRole()) && server.names().contains(r.secondary());
            if (answers) {
                served.addAll(r.subnets());
            }
        }
        return served;
    }

    private static List<Long> ids(List<Deployment.Subnet> subnets) {
        return subnets.stream().map(Deployment.Subnet::id).toList();
    }

    private void say(String line) {
        out.printf("[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, line);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
