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
 * HA relationships of real server processes in a network namespace of their own, and the faults
 * a test does to them: {@code kill -9} and restart, SIGSTOP and SIGCONT, the peer link cut (one
 * way or both) or made lossy with iptables, a clock set off with libfaketime. Each server is
 * Kakapo ({@code bin/kakapo-dhcp4}) or Debian's kea-dhcp4 2.2 with its own HA and lease commands
 * libraries; they listen on 127.0.0.(index + 1) for DHCP and, in the relationship numbered r
 * (from 0), on port 8000 + 10 r + index + 1 for their peers. Relationship r serves the subnet
 * 10.r.0.0/16 behind the relay 127.0.0.(250 + r). Everything started is stopped by PID and the
 * namespace deleted when the lab is closed.
 *
 * <p>Two labs: a pair (or a primary and its backup) in one relationship, and a hub and spoke in
 * the seed's shape, where the hub is the standby of one branch and the primary of another (Kea
 * 2.2 has no hub and spoke: that lab is Kakapo's only).
 */
final class HaLab implements AutoCloseable {

    static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";
    static final String FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which software a server runs. */
    enum Software { KAKAPO, KEA }

    /** A server's place in a relationship: its name there and its role. */
    record Member(Node node, String name, String role) {

        String url(int relationship) {
            return "http://" + node.address() + ":" + node.peerPort(relationship) + "/";
        }
    }

    /** One relationship: its number, mode and members (the first the primary); it serves subnet 10.number.0.0/16. */
    record Relationship(int number, String mode, List<Member> members) {

        String relay() {
            return "127.0.0." + (250 + number);
        }

        String subnet() {
            return "10." + number + ".0.0/16";
        }

        String pool() {
            return "10." + number + ".0.10-10." + number + ".255.200";
        }

        /** The member that is {@code node}, if any. */
        java.util.Optional<Member> member(Node node) {
            return members.stream().filter(m -> m.node() == node).findFirst();
        }

        /** The normal state of {@code member} in this relationship. */
        String normalState(Member member) {
            if (member.role().equals("backup")) {
                return "backup";
            }
            return mode;
        }
    }

    /** One server of the relationship. */
    final class Node {
        final String name;
        final int index;
        final Software software;
        private String clockOffset;
        private Process kea;
        private KakapoProcess kakapo;
        private boolean stopped;
        private int starts;

        Node(String name, int index, Software software) {
            this.name = name;
            this.index = index;
            this.software = software;
        }

        String address() {
            return "127.0.0." + (index + 1);
        }

        /** The port this server's peers reach it on in the first relationship. */
        int peerPort() {
            return peerPort(0);
        }

        /** The port this server's peers reach it on in relationship {@code relationship}. */
        int peerPort(int relationship) {
            return 8000 + 10 * relationship + index + 1;
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

        /**
         * The server's state in each of its relationships as status-get reports them, comma
         * separated in the order of its configuration, or a text saying why there is none.
         */
        String state() {
            try {
                JsonNode ha = command("{\"command\": \"status-get\"}").path("arguments").path("high-availability");
                if (ha.size() == 0) {
                    return "(none)";
                }
                List<String> states = new ArrayList<>();
                ha.forEach(r -> states.add(r.path("ha-servers").path("local").path("state").asText("(none)")));
                return String.join(",", states);
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
            List<String> roles = relationships.stream().flatMap(r -> r.member(this).stream()).map(Member::role).toList();
            return name + " (" + software.name().toLowerCase() + ", " + String.join(", ", roles) + ")";
        }
    }

    private final Path dir;
    private final Netns ns;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Relationship> relationships = new ArrayList<>();
    private final List<String> firewall = new ArrayList<>();

    private HaLab(Path dir, List<Software> software) throws IOException, InterruptedException {
        this.dir = dir;
        this.ns = Netns.create("hafault");
        for (int i = 0; i < software.size(); i++) {
            nodes.add(new Node("server" + (i + 1), i, software.get(i)));
            if (i > 0) {
                ns.exec("ip", "addr", "add", "127.0.0." + (i + 1) + "/8", "dev", "lo");
            }
        }
    }

    /**
     * One relationship in {@code mode} of servers of the given software and roles (the first the
     * primary), in a namespace of its own; each server's name there is its node's.
     */
    HaLab(Path dir, String mode, List<Software> software, List<String> roles) throws IOException, InterruptedException {
        this(dir, software);
        List<Member> members = new ArrayList<>();
        for (Node node : nodes) {
            members.add(new Member(node, node.name, roles.get(node.index)));
        }
        relate(mode, members);
    }

    /**
     * The seed's hub and spoke in its smallest form, three Kakapo servers in two hot-standby
     * relationships: server1 is the primary of relationship 0 (subnet 10.0.0.0/16), whose standby
     * is the hub (server2); the hub is the primary of relationship 1 (subnet 10.1.0.0/16), whose
     * standby is server3. The hub is known as {@code hub-standby} in the first and
     * {@code hub-primary} in the second, as a server of Kea's hub and spoke has a name per
     * relationship.
     */
    static HaLab hubAndSpoke(Path dir) throws IOException, InterruptedException {
        HaLab lab = new HaLab(dir, List.of(Software.KAKAPO, Software.KAKAPO, Software.KAKAPO));
        Node branch = lab.node(0);
        Node hub = lab.node(1);
        Node other = lab.node(2);
        lab.relate("hot-standby", List.of(new Member(branch, "server1", "primary"), new Member(hub, "hub-standby", "standby")));
        lab.relate("hot-standby", List.of(new Member(hub, "hub-primary", "primary"), new Member(other, "server3", "standby")));
        return lab;
    }

    private void relate(String mode, List<Member> members) throws IOException, InterruptedException {
        Relationship relationship = new Relationship(relationships.size(), mode, List.copyOf(members));
        relationships.add(relationship);
        ns.exec("ip", "addr", "add", relationship.relay() + "/8", "dev", "lo");
    }

    List<Relationship> relationships() {
        return relationships;
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

    /** The normal states of {@code node} in its relationships, as {@link Node#state} shows them. */
    String normalState(Node node) {
        List<String> states = new ArrayList<>();
        for (Relationship relationship : relationships) {
            relationship.member(node).ifPresent(m -> states.add(relationship.normalState(m)));
        }
        return String.join(",", states);
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

    /**
     * Starts the clients of {@link LedgerClients} of {@code relationship}'s subnet in the
     * namespace, behind its relay, asking every member but backups; the process ends by itself.
     */
    Process clients(Relationship relationship, Path ledger, double rate, long seconds, String macPrefix) throws IOException {
        List<String> servers = new ArrayList<>();
        for (Member member : relationship.members()) {
            if (!member.role().equals("backup")) {
                servers.add(member.node().address());
            }
        }
        return ns.spawn(dir.resolve("clients-" + relationship.number() + ".log"), JavaCommand.of(LedgerClients.class,
                relationship.relay(), String.join(",", servers), "67", String.valueOf(rate), String.valueOf(seconds),
                ledger.toString(), macPrefix, "6", "30"));
    }

    /** Drops what {@code from} sends to {@code to}'s peer listener (and its answers to {@code from}'s requests). */
    void cut(Node from, Node to) throws IOException, InterruptedException {
        listenerCut(to.peerPort());
    }

    /** Cuts {@code node} off from every peer in every relationship, both ways. */
    void isolate(Node node) throws IOException, InterruptedException {
        for (Relationship relationship : relationships) {
            if (relationship.member(node).isPresent()) {
                for (Member member : relationship.members()) {
                    listenerCut(member.node().peerPort(relationship.number()));
                }
            }
        }
    }

    /** Nobody reaches the peer listener on {@code port}. Every peer listens on a port of its own, so this cuts one server's incoming link. */
    private void listenerCut(int listener) throws IOException, InterruptedException {
        String port = String.valueOf(listener);
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
        List<Relationship> own = relationships.stream().filter(r -> r.member(self).isPresent()).toList();
        boolean kea = self.software == Software.KEA;
        if (kea && own.size() > 1) {
            throw new IllegalStateException("Kea 2.2 has one HA relationship per server; " + self.name + " is in " + own.size());
        }
        StringBuilder ha = new StringBuilder();
        StringBuilder subnets = new StringBuilder();
        for (Relationship relationship : own) {
            StringBuilder peers = new StringBuilder();
            for (Member member : relationship.members()) {
                if (peers.length() > 0) {
                    peers.append(", ");
                }
                peers.append("{\"name\": \"").append(member.name()).append("\", \"url\": \"").append(member.url(relationship.number()))
                        .append("\", \"role\": \"").append(member.role()).append("\"}");
            }
            String name = relationship.member(self).orElseThrow().name();
            if (ha.length() > 0) {
                ha.append(", ");
                subnets.append(", ");
            }
            ha.append("{"
                    + "    \"this-server-name\": \"" + name + "\", \"mode\": \"" + relationship.mode() + "\","
                    + "    \"heartbeat-delay\": 1000, \"max-response-delay\": 3000, \"max-ack-delay\": 1000, \"max-unacked-clients\": 0,"
                    + "    \"sync-page-limit\": 50,"
                    + "    \"multi-threading\": {\"enable-multi-threading\": true, \"http-dedicated-listener\": true,"
                    + "      \"http-listener-threads\": 2, \"http-client-threads\": 2},"
                    + "    \"peers\": [" + peers + "]}");
            // With one relationship every subnet is its; with several, each subnet names its own.
            subnets.append("{\"id\": " + (relationship.number() + 1) + ", \"subnet\": \"" + relationship.subnet() + "\","
                    + " \"pools\": [{\"pool\": \"" + relationship.pool() + "\"}],"
                    + (own.size() > 1 ? " \"user-context\": {\"ha-server-name\": \"" + name + "\"}," : "")
                    + "  \"relay\": {\"ip-addresses\": [\"" + relationship.relay() + "\"]}}");
        }
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
                + "  {\"library\": \"" + HOOKS + "libdhcp_ha.so\", \"parameters\": {\"high-availability\": [" + ha + "]}}],"
                + "\"subnet4\": [" + subnets + "]}}";
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
