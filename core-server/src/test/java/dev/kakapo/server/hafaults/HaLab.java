package dev.kakapo.server.hafaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.ControlClient;
import dev.kakapo.server.testing.JavaCommand;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.Netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HA relationship of real server processes in a network namespace of its own, and the faults
 * a test does to it: {@code kill -9} and restart, SIGSTOP and SIGCONT, the peer link cut (one
 * way or both) or made lossy with iptables, a clock set off with libfaketime. Each server is Kakapo ({@code bin/kakapo-dhcp4}) or Debian's kea-dhcp4 2.2 with its
 * own HA and lease commands libraries; they listen on 127.0.0.(index + 1) for DHCP and on port
 * 8000 + index + 1 for their peers; the clients' relay is 127.0.0.250. Everything started is
 * stopped by PID and the namespace deleted when the lab is closed.
 */
final class HaLab implements AutoCloseable {

    static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";
    static final String RELAY = "127.0.0.250";
    static final String FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which software a server runs. */
    enum Software { KAKAPO, KEA }

    /** One server of the relationship. */
    final class Node {
        final String name;
        final int index;
        final Software software;
        final String role;
        private String clockOffset;
        private Process kea;
        private KakapoProcess kakapo;
        private boolean stopped;
        private int starts;

        Node(String name, int index, Software software, String role) {
            this.name = name;
            this.index = index;
            this.software = software;
            this.role = role;
        }

        String address() {
            return "127.0.0." + (index + 1);
        }

        int peerPort() {
            return 8000 + index + 1;
        }

        Path socket() {
            return dir.resolve(name + ".sock");
        }

        /** A log file per start, so that a restart keeps what the server said before. */
        private Path nextLog() {
            return dir.resolve(name + "-" + (++starts) + ".log");
        }

        boolean running() {
            return kea != null || kakapo != null;
        }

        /** Starts (or restarts) the server and waits until its control socket answers. */
        void start() throws IOException, InterruptedException {
            Path file = dir.resolve(name + ".json");
            Files.writeString(file, config(this));
            Files.deleteIfExists(socket());
            // libfaketime preloaded through env, which execs: a kill then reaches the server itself.
            List<String> prefix = clockOffset == null ? List.of() : List.of("env", "LD_PRELOAD=" + FAKETIME,
                    "FAKETIME=" + clockOffset, "FAKETIME_DONT_FAKE_MONOTONIC=1");
            if (software == Software.KEA) {
                List<String> command = new ArrayList<>(List.of("env", "KEA_PIDFILE_DIR=" + dir, "KEA_LOCKFILE_DIR=" + dir));
                command.addAll(prefix);
                command.addAll(List.of("kea-dhcp4", "-c", file.toString()));
                kea = ns.spawn(nextLog(), command.toArray(new String[0]));
                ControlClient.await(socket(), 30);
            } else {
                kakapo = KakapoProcess.start(ns, file, nextLog(), prefix);
            }
            stopped = false;
        }

        /** SIGKILL, as a crash. */
        void kill() throws IOException, InterruptedException {
            if (stopped) {
                cont();
            }
            if (kea != null) {
                kea.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                kea = null;
            }
            if (kakapo != null) {
                kakapo.kill();
                kakapo = null;
            }
        }

        long pid() {
            return kea != null ? kea.pid() : kakapo.pid();
        }

        /** SIGSTOP: the process hangs, its sockets stay open. */
        void stop() throws IOException, InterruptedException {
            Commands.check(10, "kill", "-STOP", String.valueOf(pid()));
            stopped = true;
        }

        /** SIGCONT. */
        void cont() throws IOException, InterruptedException {
            Commands.check(10, "kill", "-CONT", String.valueOf(pid()));
            stopped = false;
        }

        /** Runs the server's clock {@code offset} (faketime's syntax, such as {@code +35s}) from its next start. */
        void clockOffset(String offset) {
            this.clockOffset = offset;
        }

        JsonNode command(String command) throws IOException {
            return JSON.readTree(ControlClient.send(socket(), command));
        }

        /** The relationship's state as status-get reports it, or a text saying why there is none. */
        String state() {
            try {
                JsonNode ha = command("{\"command\": \"status-get\"}").path("arguments").path("high-availability");
                return ha.path(0).path("ha-servers").path("local").path("state").asText("(none)");
            } catch (IOException | RuntimeException e) {
                return "(no answer)";
            }
        }

        /** Every lease the server holds. */
        List<InvariantCheck.ServerLease> leases() throws IOException {
            List<InvariantCheck.ServerLease> leases = new ArrayList<>();
            command("{\"command\": \"lease4-get-all\"}").path("arguments").path("leases").forEach(l -> leases.add(
                    new InvariantCheck.ServerLease(l.path("ip-address").asText(), l.path("hw-address").asText(),
                            l.path("cltt").asLong() + l.path("valid-lft").asLong(), l.path("state").asInt())));
            return leases;
        }

        String logTail() throws IOException {
            StringBuilder text = new StringBuilder();
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(name + "-")
                        && f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                    String all = Files.readString(file);
                    text.append("--- ").append(file.getFileName()).append('\n')
                            .append(all.substring(Math.max(0, all.length() - 6000)));
                }
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return name + " (" + software.name().toLowerCase() + ", " + role + ")";
        }
    }

    private final Path dir;
    private final Netns ns;
    private final String mode;
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> firewall = new ArrayList<>();

    /**
     * A relationship in {@code mode} of servers of the given software and roles (the first the
     * primary), in a namespace of its own.
     */
    HaLab(Path dir, String mode, List<Software> software, List<String> roles) throws IOException, InterruptedException {
        this.dir = dir;
        this.mode = mode;
        this.ns = Netns.create("hafault");
        for (int i = 0; i < software.size(); i++) {
            nodes.add(new Node("server" + (i + 1), i, software.get(i), roles.get(i)));
            if (i > 0) {
                ns.exec("ip", "addr", "add", "127.0.0." + (i + 1) + "/8", "dev", "lo");
            }
        }
        ns.exec("ip", "addr", "add", RELAY + "/8", "dev", "lo");
    }

    /** Whether this machine runs the labs: root, namespaces, kea-dhcp4 with its HA library, iptables and libfaketime. */
    static boolean available() {
        return Netns.available() && Commands.onPath("kea-dhcp4") && Files.exists(Path.of(HOOKS + "libdhcp_ha.so"))
                && Commands.onPath("iptables") && Files.exists(Path.of(FAKETIME))
                && KakapoProcess.projectRoot() != null;
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int index) {
        return nodes.get(index);
    }

    void startAll() throws IOException, InterruptedException {
        for (Node node : nodes) {
            node.start();
        }
    }

    /** Waits until every running server's state passes {@code wanted}; false after {@code seconds}. */
    boolean await(Predicate<Map<String, String>> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (wanted.test(states())) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Waits until {@code node} reports {@code state}; false after {@code seconds}. */
    boolean awaitState(Node node, String state, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (node.state().equals(state)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Each running server's state. */
    Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (node.running() && !node.stopped) {
                states.put(node.name, node.state());
            }
        }
        return states;
    }

    /** The normal state of {@code node} in this lab's mode. */
    String normalState(Node node) {
        if (node.role.equals("backup")) {
            return "backup";
        }
        return mode.equals("passive-backup") ? "passive-backup" : mode;
    }

    /** Whether every running server is in its normal state. */
    boolean allNormal(Map<String, String> states) {
        for (Node node : nodes) {
            if (states.containsKey(node.name) && !states.get(node.name).equals(normalState(node))) {
                return false;
            }
        }
        return states.size() == nodes.stream().filter(n -> n.running() && !n.stopped).count();
    }

    /** Starts the clients of {@link LedgerClients} in the namespace; the process ends by itself. */
    Process clients(Path ledger, double rate, long seconds, String macPrefix) throws IOException {
        List<String> servers = new ArrayList<>();
        for (Node node : nodes) {
            if (!node.role.equals("backup")) {
                servers.add(node.address());
            }
        }
        return ns.spawn(dir.resolve("clients.log"), JavaCommand.of(LedgerClients.class, RELAY, String.join(",", servers), "67",
                String.valueOf(rate), String.valueOf(seconds), ledger.toString(), macPrefix, "6", "30"));
    }

    /** Drops what {@code from} sends to {@code to}'s peer listener (and its answers to {@code from}'s requests). */
    void cut(Node from, Node to) throws IOException, InterruptedException {
        String port = String.valueOf(to.peerPort());
        rule("INPUT", "-p", "tcp", "--dport", port, "-j", "DROP");
        rule("OUTPUT", "-p", "tcp", "--sport", port, "-j", "DROP");
    }

    private void rule(String chain, String... match) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "-I", chain));
        command.addAll(List.of(match));
        ns.exec(command.toArray(new String[0]));
        List<String> undo = new ArrayList<>(List.of("iptables", "-w", "-D", chain));
        undo.addAll(List.of(match));
        firewall.add(String.join("\u0000", undo));
    }

    /** Lifts every cut. */
    void heal() throws IOException, InterruptedException {
        for (String undo : firewall) {
            ns.exec(undo.split("\u0000"));
        }
        firewall.clear();
    }

    /**
     * Drops {@code percent} of the packets between the peers, both ways, at random (iptables'
     * statistic match); DHCP is untouched. TCP's retransmissions make the link slow as well
     * (200 ms and more per lost segment, a second per lost SYN). This machine's kernel has no
     * netem to add a delay of its own.
     */
    void lossy(int percent) throws IOException, InterruptedException {
        String probability = String.valueOf(percent / 100.0);
        for (Node node : nodes) {
            String port = String.valueOf(node.peerPort());
            rule("INPUT", "-p", "tcp", "--dport", port, "-m", "statistic", "--mode", "random", "--probability", probability,
                    "-j", "DROP");
            rule("INPUT", "-p", "tcp", "--sport", port, "-m", "statistic", "--mode", "random", "--probability", probability,
                    "-j", "DROP");
        }
    }

    private String config(Node self) {
        StringBuilder peers = new StringBuilder();
        for (Node node : nodes) {
            if (peers.length() > 0) {
                peers.append(", ");
            }
            peers.append("{\"name\": \"").append(node.name).append("\", \"url\": \"http://").append(node.address()).append(':')
                    .append(node.peerPort()).append("/\", \"role\": \"").append(node.role).append("\"}");
        }
        boolean kea = self.software == Software.KEA;
        return "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/" + self.address() + "\"]"
                + (kea ? ", \"dhcp-socket-type\": \"udp\"" : "") + "},"
                + "\"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \"" + self.socket() + "\"},"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \""
                + dir.resolve(self.name + "-leases4.csv") + "\", \"lfc-interval\": 0},"
                + "\"multi-threading\": {\"enable-multi-threading\": true, \"thread-pool-size\": 2, \"packet-queue-size\": 256},"
                + "\"valid-lifetime\": 3600,"
                + "\"loggers\": [{\"name\": \"kea-dhcp4\", \"severity\": \"" + System.getProperty("kakapo.hafaults.severity", "INFO")
                + "\", \"debuglevel\": 99, \"output_options\": [{\"output\": \"stdout\"}]}],"
                + "\"hooks-libraries\": [{\"library\": \"" + HOOKS + "libdhcp_lease_cmds.so\"},"
                + "  {\"library\": \"" + HOOKS + "libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{"
                + "    \"this-server-name\": \"" + self.name + "\", \"mode\": \"" + mode + "\","
                + "    \"heartbeat-delay\": 1000, \"max-response-delay\": 3000, \"max-ack-delay\": 1000, \"max-unacked-clients\": 0,"
                + "    \"sync-page-limit\": 50,"
                + "    \"multi-threading\": {\"enable-multi-threading\": true, \"http-dedicated-listener\": true,"
                + "      \"http-listener-threads\": 2, \"http-client-threads\": 2},"
                + "    \"peers\": [" + peers + "]}]}}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/16\", \"pools\": [{\"pool\": \"10.0.0.10-10.0.255.200\"}],"
                + "  \"relay\": {\"ip-addresses\": [\"" + RELAY + "\"]}}]}}";
    }

    /** Stops every server and the clients, lifts the faults, deletes the namespace. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Node node : nodes) {
            try {
                node.kill();
            } catch (RuntimeException e) {
                // keep closing the rest
            }
        }
        ns.close();
    }
}
