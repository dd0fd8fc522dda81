package dev.kakapo.server.hafaults;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One fault under load, start to finish: the relationship reaches its normal states, the clients
 * start (200 new clients a second, a share of them renewing), the fault comes 6 s later and heals
 * after its time, the clients go on for 10 s more, the servers are given 90 s to be back in their
 * normal states, and then each is asked what it holds and both invariants are checked against
 * the clients' ledger.
 */
final class FaultRun {

    static final double RATE = 200;
    static final int BEFORE_FAULT_SECONDS = 6;
    static final int AFTER_HEAL_SECONDS = 10;

    /**
     * What a run found.
     *
     * @param lab             the servers, such as {@code kakapo+kea hot-standby}
     * @param fault           the fault
     * @param report          the invariants
     * @param settled         whether every server was back in its normal state within 90 s of the heal
     * @param settleMillis    how long that took after the heal
     * @param longestGapMillis the longest time without any DHCPACK from the fault on (with several
     *                        relationships, the longest of their subnets' clients)
     * @param firstAckAfterFaultMillis the time from the fault to the next DHCPACK (the longest of
     *                        the relationships')
     * @param states          the states at the end
     */
    record Result(String lab, Fault fault, InvariantCheck.Report report, boolean settled, long settleMillis,
                  long longestGapMillis, long firstAckAfterFaultMillis, Map<String, String> states) {

        String summary() {
            return lab + " / " + fault + ": " + report.summary(5) + "; settled " + settled + " (" + settleMillis
                    + " ms after the heal), longest time without an ACK " + longestGapMillis + " ms, states " + states;
        }

        ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("lab", lab).put("fault", fault.name()).put("description", fault.description());
            json.put("acks", report.acks()).put("duplicate-addresses", report.duplicateAddresses())
                    .put("lost", report.lost().size());
            ObjectNode perServer = json.putObject("lost-per-server");
            report.lostPerServer().forEach(perServer::put);
            ObjectNode given = json.putObject("duplicates-given-by");
            report.duplicates().stream().map(d -> d.second().server()).distinct()
                    .forEach(server -> given.put(server, report.duplicateAddressesGivenBy(server)));
            json.put("settled", settled).put("settle-ms", settleMillis).put("longest-gap-ms", longestGapMillis)
                    .put("first-ack-after-fault-ms", firstAckAfterFaultMillis);
            ObjectNode end = json.putObject("states");
            states.forEach(end::put);
            return json;
        }
    }

    private FaultRun() {
    }

    static Result run(HaLab lab, String name, Fault fault, Path dir) throws Exception {
        lab.startAll();
        if (!lab.await(lab::allNormal, 60)) {
            throw new AssertionError(name + ": the servers did not reach their normal states: " + lab.states() + "\n" + logs(lab));
        }
        int loadSeconds = BEFORE_FAULT_SECONDS + fault.seconds() + AFTER_HEAL_SECONDS;
        // The clients of each relationship's subnet, RATE in all, each with a ledger of its own.
        List<HaLab.Relationship> relationships = lab.relationships();
        List<Path> ledgerFiles = new ArrayList<>();
        List<Process> clients = new ArrayList<>();
        for (HaLab.Relationship relationship : relationships) {
            Path ledgerFile = dir.resolve(relationships.size() == 1 ? "ledger.tsv" : "ledger-" + relationship.number() + ".tsv");
            ledgerFiles.add(ledgerFile);
            clients.add(lab.clients(relationship, ledgerFile, RATE / relationships.size(), loadSeconds,
                    String.format("02:%02x", 0x42 + relationship.number())));
        }
        TimeUnit.SECONDS.sleep(BEFORE_FAULT_SECONDS);
        long faultAt = System.currentTimeMillis();
        fault.inject(lab);
        long injected = System.nanoTime();
        long remaining = TimeUnit.SECONDS.toNanos(fault.seconds()) - (System.nanoTime() - injected);
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
        fault.heal(lab);
        long healedAt = System.nanoTime();
        // When every server is back in its normal state, watched while the clients go on.
        java.util.concurrent.atomic.AtomicLong normalAt = new java.util.concurrent.atomic.AtomicLong();
        Thread watcher = new Thread(() -> {
            try {
                while (normalAt.get() == 0 && !Thread.currentThread().isInterrupted()) {
                    if (lab.allNormal(lab.states())) {
                        normalAt.set(System.nanoTime());
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fault-run-watcher");
        watcher.start();
        for (Process process : clients) {
            if (!process.waitFor(loadSeconds + 60L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        boolean settled = lab.await(lab::allNormal, 90);
        watcher.interrupt();
        watcher.join(5000);
        long settleMillis = TimeUnit.NANOSECONDS.toMillis((normalAt.get() != 0 ? normalAt.get() : System.nanoTime()) - healedAt);
        TimeUnit.SECONDS.sleep(1);
        Map<HaLab.Node, List<InvariantCheck.ServerLease>> held = new LinkedHashMap<>();
        for (HaLab.Node node : lab.nodes()) {
            if (node.running()) {
                held.put(node, node.leases());
            }
        }
        // Each relationship's ledger against what its own members hold.
        long now = System.currentTimeMillis();
        InvariantCheck.Report report = null;
        long longestGap = 0;
        long firstAfter = -1;
        for (HaLab.Relationship relationship : relationships) {
            Map<String, List<InvariantCheck.ServerLease>> leases = new LinkedHashMap<>();
            for (HaLab.Member member : relationship.members()) {
                if (held.containsKey(member.node())) {
                    leases.put(member.node().name, held.get(member.node()));
                }
            }
            Ledger ledger = Ledger.read(ledgerFiles.get(relationship.number()));
            InvariantCheck.Report one = InvariantCheck.check(ledger, leases, now);
            report = report == null ? one : report.and(one);
            long[] gap = gapAfter(ledger, faultAt);
            longestGap = Math.max(longestGap, gap[0]);
            firstAfter = Math.max(firstAfter, gap[1]);
        }
        Result result = new Result(name, fault, report, settled, settleMillis, longestGap, firstAfter, lab.states());
        record(result);
        if (!report.clean() || !settled) {
            keep(dir, name, fault);
        }
        return result;
    }

    /** The longest time without a DHCPACK in {@code ledger} from {@code faultAt} on, and the time to the first one. */
    private static long[] gapAfter(Ledger ledger, long faultAt) {
        List<Long> ackTimes = new ArrayList<>();
        ledger.answers().stream().filter(Ledger.Answer::ack).forEach(a -> ackTimes.add(a.atMillis()));
        ackTimes.sort(Long::compare);
        long longestGap = 0;
        long previous = faultAt;
        long firstAfter = -1;
        for (long at : ackTimes) {
            if (at < faultAt) {
                continue;
            }
            if (firstAfter < 0) {
                firstAfter = at - faultAt;
            }
            longestGap = Math.max(longestGap, at - previous);
            previous = at;
        }
        return new long[] {longestGap, firstAfter};
    }

    /** Appends the result to target/ha-faults/results.jsonl, which docs/ha-faults.md's table is made from. */
    private static void record(Result result) throws IOException {
        Path file = Path.of("target", "ha-faults", "results.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, result.toJson() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Copies the servers' logs and the ledger of a failed run to target/ha-faults/failed/, for a look after. */
    private static void keep(Path dir, String name, Fault fault) throws IOException {
        Path target = Path.of("target", "ha-faults", "failed", name.replace(' ', '-').replace('+', '-') + "-" + fault.name());
        Files.createDirectories(target);
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".tsv")).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static String logs(HaLab lab) throws IOException {
        StringBuilder text = new StringBuilder();
        for (HaLab.Node node : lab.nodes()) {
            text.append("=== ").append(node).append('\n').append(node.logTail()).append('\n');
        }
        return text.toString();
    }
}
