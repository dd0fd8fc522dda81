package dev.kakapo.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.ControlClient;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.Netns;
import dev.kakapo.server.testing.Perfdhcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A hot-standby pair of real processes in a namespace of the test's own, the first server on
 * 127.0.0.1, the second on 127.0.0.2, perfdhcp relaying from 127.0.0.250: two bin/kakapo-dhcp4,
 * or bin/kakapo-dhcp4 with Debian's kea-dhcp4 2.2 (its own libdhcp_ha.so and
 * libdhcp_lease_cmds.so, HA multi-threading and the dedicated listener on) in either role. Both
 * reach hot-standby, every lease the primary acknowledged is on the standby, the killed server's
 * partner (kill -9) serves alone, and the killed server comes back, synchronises, and both hold
 * the same leases in hot-standby again.
 */
class HotStandbyProcessesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";

    @TempDir
    Path dir;
    private Netns ns;
    private final Side[] sides = new Side[2];

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("kea-dhcp4") && Commands.onPath("perfdhcp")
                && Files.exists(Path.of(HOOKS + "libdhcp_ha.so")) && KakapoProcess.projectRoot() != null,
                "needs root, kea-dhcp4 with its HA library, perfdhcp and Maven's jvm.options; .ci/run provides them");
        ns = Netns.create("pair");
        ns.exec("ip", "addr", "add", "127.0.0.2/8", "dev", "lo");
        ns.exec("ip", "addr", "add", "127.0.0.250/8", "dev", "lo");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Side side : sides) {
            if (side != null) {
                side.kill();
            }
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** One server of the pair: its software, name, address and role. */
    private final class Side {
        final boolean kea;
        final String name;
        final String address;
        final boolean primary;
        Process keaProcess;
        KakapoProcess kakapo;

        Side(boolean kea, String name, String address, boolean primary) {
            this.kea = kea;
            this.name = name;
            this.address = address;
            this.primary = primary;
        }

        Path socket() {
            return dir.resolve(name + ".sock");
        }

        void start(Side other) throws Exception {
            Path file = dir.resolve(name + ".json");
            Files.writeString(file, config(this, other));
            Files.deleteIfExists(socket());
            if (kea) {
                keaProcess = ns.spawn(dir.resolve(name + ".log"), "env", "KEA_PIDFILE_DIR=" + dir, "KEA_LOCKFILE_DIR=" + dir,
                        "kea-dhcp4", "-c", file.toString());
                ControlClient.await(socket(), 30);
            } else {
                kakapo = KakapoProcess.start(ns, file, dir.resolve(name + ".log"));
            }
        }

        void kill() throws Exception {
            if (keaProcess != null) {
                keaProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                keaProcess = null;
            }
            if (kakapo != null) {
                kakapo.kill();
                kakapo = null;
            }
        }

        JsonNode command(String command) throws Exception {
            return JSON.readTree(ControlClient.send(socket(), command));
        }

        String state() {
            try {
                return command("{\"command\": \"status-get\"}").path("arguments").path("high-availability").path(0)
                        .path("ha-servers").path("local").path("state").asText();
            } catch (Exception e) {
                return "(no answer: " + e.getMessage() + ")";
            }
        }

        Set<String> leases() throws Exception {
            Set<String> addresses = new TreeSet<>();
            command("{\"command\": \"lease4-get-all\"}").path("arguments").path("leases").forEach(l -> {
                if (l.path("state").asInt() == 0) {
                    addresses.add(l.path("ip-address").asText());
                }
            });
            return addresses;
        }

        String log() throws Exception {
            Path file = dir.resolve(name + ".log");
            String text = Files.exists(file) ? Files.readString(file) : "";
            return text.substring(Math.max(0, text.length() - 4000));
        }
    }

    private String config(Side self, Side other) {
        Side primary = self.primary ? self : other;
        Side standby = self.primary ? other : self;
        return "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/" + self.address + "\"]"
                + (self.kea ? ", \"dhcp-socket-type\": \"udp\"" : "") + "},"
                + "\"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \"" + self.socket() + "\"},"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \"" + dir.resolve(self.name + "-leases4.csv")
                + "\", \"lfc-interval\": 0},"
                + "\"multi-threading\": {\"enable-multi-threading\": true, \"thread-pool-size\": 2, \"packet-queue-size\": 256},"
                + "\"valid-lifetime\": 3600,"
                + "\"hooks-libraries\": [{\"library\": \"" + HOOKS + "libdhcp_lease_cmds.so\"},"
                + "  {\"library\": \"" + HOOKS + "libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{"
                + "    \"this-server-name\": \"" + self.name + "\", \"mode\": \"hot-standby\","
                + "    \"heartbeat-delay\": 1000, \"max-response-delay\": 3000, \"max-ack-delay\": 1000, \"max-unacked-clients\": 0,"
                + "    \"multi-threading\": {\"enable-multi-threading\": true, \"http-dedicated-listener\": true,"
                + "      \"http-listener-threads\": 2, \"http-client-threads\": 2},"
                + "    \"peers\": [{\"name\": \"" + primary.name + "\", \"url\": \"http://" + primary.address + ":8001/\", \"role\": \"primary\"},"
                + "               {\"name\": \"" + standby.name + "\", \"url\": \"http://" + standby.address + ":8002/\", \"role\": \"standby\"}]}]}}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/16\", \"pools\": [{\"pool\": \"10.0.0.10-10.0.255.200\"}],"
                + "  \"relay\": {\"ip-addresses\": [\"127.0.0.250\"]}}]}}";
    }

    private void awaitStates(Side a, String aState, Side b, String bState, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!(a == null || a.state().equals(aState)) || !b.state().equals(bState)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + (a == null ? "" : a.name + " " + a.state() + ", ")
                        + b.name + " " + b.state() + "\n" + (a == null ? "" : a.name + " log:\n" + a.log()) + "\n" + b.name
                        + " log:\n" + b.log());
            }
            Thread.sleep(200);
        }
    }

    /** {@code clients} exchanges with new clients from the MAC base {@code mac}. */
    private Perfdhcp load(Side server, int clients, String mac) throws Exception {
        return new Perfdhcp(ns.run(90, "perfdhcp", "-4", "-l", "127.0.0.250", "-r", "100", "-n", String.valueOf(clients),
                "-R", "100000", "-b", "mac=" + mac, "-W", "2000000", server.address).output());
    }

    @ParameterizedTest(name = "first {0} (primary), second {1}; the {2} is killed")
    @CsvSource({"kea, kakapo, primary", "kakapo, kea, primary", "kakapo, kakapo, primary", "kakapo, kakapo, standby"})
    void bothReachHotStandbyFailOverAndComeBackWithTheSameLeases(String first, String second, String killed) throws Exception {
        Side primary = new Side(first.equals("kea"), "first", "127.0.0.1", true);
        Side standby = new Side(second.equals("kea"), "second", "127.0.0.2", false);
        sides[0] = primary;
        sides[1] = standby;
        primary.start(standby);
        standby.start(primary);
        awaitStates(primary, "hot-standby", standby, "hot-standby", 60);

        Perfdhcp served = load(primary, 200, "02:00:00:00:00:00");
        assertEquals(200, served.ackReceived, served.output);
        assertEquals(primary.leases(), standby.leases(), "every lease the primary acknowledged is on the standby");

        Side victim = killed.equals("primary") ? primary : standby;
        Side survivor = victim == primary ? standby : primary;
        victim.kill();
        awaitStates(null, null, survivor, "partner-down", 30);
        Perfdhcp alone = load(survivor, 100, "02:aa:00:00:00:00");
        assertEquals(100, alone.ackReceived, alone.output);

        victim.start(survivor);
        awaitStates(primary, "hot-standby", standby, "hot-standby", 90);
        assertEquals(primary.leases(), standby.leases(), "both hold the same leases again");
        assertEquals(300, primary.leases().size(), "the leases of both loads");
    }
}
