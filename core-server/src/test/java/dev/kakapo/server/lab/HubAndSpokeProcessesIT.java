package dev.kakapo.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.Netns;
import dev.kakapo.server.testing.Perfdhcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seed article's five configurations as five kakapo-dhcp4 processes in a namespace of the
 * test's own (addresses mapped onto loopback), loaded through each subnet's relay address by
 * perfdhcp. Each branch server (Kea 2, Kea 3, Kea 4) is killed in turn: only its relationships
 * fail over, its subnets are served by its partner, no acknowledged lease is lost, the backup
 * holds every lease of all three subnets, and the restarted server gets every lease back.
 */
class HubAndSpokeProcessesIT {

    private static final int PORT = 10067;

    @TempDir
    Path dir;
    private Netns ns;
    private final Map<String, LabServer> servers = new LinkedHashMap<>();
    /** Every lease perfdhcp was acknowledged: address to MAC, per subnet id. */
    private final Map<Long, Map<String, String>> acknowledged = new HashMap<>();
    private int round;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("perfdhcp"), "needs root and perfdhcp; .ci/run provides them");
        ns = Netns.create("hub");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (LabServer server : servers.values()) {
            server.stop();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void eachBranchFailsOverItsOwnRelationshipsAloneAndLosesNoLease() throws Exception {
        Deployment deployment = Deployment.map(SeedFiles.writeTo(dir), dir, true);
        for (Deployment.Server server : deployment.servers()) {
            ns.exec("ip", "addr", "add", server.address() + "/8", "dev", "lo");
        }
        for (Deployment.Relationship r : deployment.relationships()) {
            for (Deployment.Subnet subnet : r.subnets()) {
                ns.exec("ip", "addr", "add", subnet.relay() + "/8", "dev", "lo");
            }
        }
        StateTable states = new StateTable(deployment);
        for (Deployment.Server server : deployment.servers()) {
            LabServer process = new LabServer(server, dir.resolve(server.label() + ".log"), PORT,
                    List.of("ip", "netns", "exec", ns.name()));
            servers.put(server.label(), process);
            process.start();
        }
        awaitStates(states, StateTable::steady, "every relationship in hot-standby, the backup in backup");
        for (Deployment.Relationship r : deployment.relationships()) {
            load(r, r.primary(), deployment);
        }
        assertEveryLeaseHeld(deployment, null);

        for (String branch : List.of("kea-2", "kea-3", "kea-4")) {
            Deployment.Server victim = deployment.server(branch);
            servers.get(branch).kill();
            List<Deployment.Relationship> affected = deployment.relationships().stream()
                    .filter(r -> r.peerAddresses().keySet().stream().anyMatch(victim.names()::contains)).toList();
            awaitStates(states, table -> {
                for (Deployment.Relationship r : deployment.relationships()) {
                    boolean hit = affected.contains(r);
                    for (String peer : List.of(r.primary(), r.secondary())) {
                        String state = StateTable.stateOf(table, peer);
                        boolean expected = victim.names().contains(peer) ? "down".equals(state)
                                : hit ? "partner-down".equals(state) : "hot-standby".equals(state);
                        if (!expected) {
                            return false;
                        }
                    }
                }
                return true;
            }, branch + " killed: its partners in " + affected.stream().map(Deployment.Relationship::label).toList()
                    + " in partner-down, the other relationships untouched");
            for (Deployment.Relationship r : deployment.relationships()) {
                String active = victim.names().contains(r.primary()) ? r.secondary() : r.primary();
                load(r, active, deployment);
            }
            assertEveryLeaseHeld(deployment, branch);

            servers.get(branch).start();
            awaitStates(states, StateTable::steady, branch + " restarted and resynced");
            assertEveryLeaseHeld(deployment, null);
        }
    }

    /**
     * Runs perfdhcp through each relay of the relationship's subnets against {@code activeName};
     * records what was acknowledged. 40 new clients a round, four rounds: the seed's smallest
     * pool (218 addresses) never runs out. A gentle rate: five JVMs share two cores here, and the
     * first HA lease updates of a cold server take up to a second; what is checked is that no
     * acknowledged lease is lost, not speed (that is the benchmarks' business).
     */
    private void load(Deployment.Relationship r, String activeName, Deployment deployment) throws Exception {
        String target = r.peerAddresses().get(activeName);
        for (Deployment.Subnet subnet : r.subnets()) {
            round++;
            Perfdhcp run = new Perfdhcp(ns.run(60, "perfdhcp", "-4", "-l", subnet.relay(), "-L", Integer.toString(PORT),
                    "-N", Integer.toString(PORT), "-r", "25", "-n", "40", "-R", "100000",
                    "-b", String.format("mac=02:%02x:00:00:00:00", round), "-W", "2000000", "-x", "l", target).output());
            if (run.ackReceived < 20) {
                throw new AssertionError("subnet " + subnet.id() + " served by " + activeName + ":\n" + run.output
                        + "\nits statistics: " + ControlSocketClient.send(deployment.serverNamed(activeName).controlSocket(),
                        "statistic-get-all", null).path("arguments") + "\nits log:\n"
                        + Files.readString(dir.resolve(deployment.serverNamed(activeName).label() + ".log")));
            }
            Map<String, String> leases = acknowledged.computeIfAbsent(subnet.id(), id -> new HashMap<>());
            run.acknowledged().forEach(lease -> leases.put(lease.address(), lease.mac()));
        }
    }

    /** Every acknowledged lease is on every running server of its subnet's relationship (backup included). */
    private void assertEveryLeaseHeld(Deployment deployment, String down) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Deployment.Server server : deployment.servers()) {
            if (server.label().equals(down)) {
                continue;
            }
            JsonNode answer = ControlSocketClient.send(server.controlSocket(), "lease4-get-all", null);
            Map<String, String> held = new HashMap<>();
            for (JsonNode lease : answer.path("arguments").path("leases")) {
                held.put(lease.path("ip-address").asText(), lease.path("hw-address").asText());
            }
            for (Deployment.Relationship r : deployment.relationships()) {
                if (r.peerAddresses().keySet().stream().noneMatch(server.names()::contains)) {
                    continue;
                }
                for (Deployment.Subnet subnet : r.subnets()) {
                    acknowledged.getOrDefault(subnet.id(), Map.of()).forEach((address, mac) -> {
                        if (!mac.equalsIgnoreCase(held.get(address))) {
                            problems.add(server.label() + " lacks " + address + " of " + mac + " (subnet " + subnet.id() + ")");
                        }
                    });
                }
            }
        }
        assertEquals(List.of(), problems, problems.size() + " acknowledged leases missing");
        int total = acknowledged.values().stream().mapToInt(Map::size).sum();
        JsonNode backup = ControlSocketClient.send(deployment.server("kea-backup").controlSocket(), "lease4-get-all", null);
        assertTrue(backup.path("arguments").path("leases").size() >= total, "the backup holds the leases of all three subnets");
    }

    private void awaitStates(StateTable states, Predicate<Map<String, Map<String, String>>> wanted, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Map<String, Map<String, String>> table = states.read(servers);
        while (!wanted.test(table)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached: " + what + "\n" + states.draw(table));
            }
            Thread.sleep(250);
            table = states.read(servers);
        }
    }
}
