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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A hot-standby pair of kea-dhcp4 2.2 (Debian's, with its own libdhcp_ha.so and
 * libdhcp_lease_cmds.so, HA multi-threading and the dedicated listener on) and bin/kakapo-dhcp4,
 * in a namespace of the test's own: Kea on 127.0.0.1, Kakapo on 127.0.0.2, perfdhcp relaying from
 * 127.0.0.250. Once with Kea as primary, once with Kakapo: both reach hot-standby, the primary's
 * leases are on the standby, the standby takes over when the primary is killed, and the primary
 * comes back, synchronises, and both return to hot-standby with the same leases.
 */
class MixedPairIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";

    @TempDir
    Path dir;
    private Netns ns;
    private Process kea;
    private KakapoProcess kakapo;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("kea-dhcp4") && Commands.onPath("perfdhcp")
                && Files.exists(Path.of(HOOKS + "libdhcp_ha.so")) && KakapoProcess.projectRoot() != null,
                "needs root, kea-dhcp4 with its HA library, perfdhcp and Maven's jvm.options; .ci/run provides them");
        ns = Netns.create("mix");
        ns.exec("ip", "addr", "add", "127.0.0.2/8", "dev", "lo");
        ns.exec("ip", "addr", "add", "127.0.0.250/8", "dev", "lo");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (kea != null) {
            kea.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (kakapo != null) {
            kakapo.kill();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private String config(String self, String address, boolean keaIsPrimary, boolean keaConfig) {
        String name = keaConfig ? "kea" : "kakapo";
        return "{\"Dhcp4\": {\"interfaces-config\": {\"interfaces\": [\"lo/" + address + "\"]"
                + (keaConfig ? ", \"dhcp-socket-type\": \"udp\"" : "") + "},"
                + "\"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \"" + dir.resolve(name + ".sock") + "\"},"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": true, \"name\": \"" + dir.resolve(name + "-leases4.csv")
                + "\", \"lfc-interval\": 0},"
                + "\"multi-threading\": {\"enable-multi-threading\": true, \"thread-pool-size\": 2, \"packet-queue-size\": 256},"
                + "\"valid-lifetime\": 3600,"
                + "\"hooks-libraries\": [{\"library\": \"" + HOOKS + "libdhcp_lease_cmds.so\"},"
                + "  {\"library\": \"" + HOOKS + "libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{"
                + "    \"this-server-name\": \"" + self + "\", \"mode\": \"hot-standby\","
                + "    \"heartbeat-delay\": 1000, \"max-response-delay\": 3000, \"max-ack-delay\": 1000, \"max-unacked-clients\": 0,"
                + "    \"multi-threading\": {\"enable-multi-threading\": true, \"http-dedicated-listener\": true,"
                + "      \"http-listener-threads\": 2, \"http-client-threads\": 2},"
                + "    \"peers\": [{\"name\": \"kea\", \"url\": \"http://127.0.0.1:8001/\", \"role\": \""
                + (keaIsPrimary ? "primary" : "standby") + "\"},"
                + "               {\"name\": \"kakapo\", \"url\": \"http://127.0.0.2:8002/\", \"role\": \""
                + (keaIsPrimary ? "standby" : "primary") + "\"}]}]}}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/16\", \"pools\": [{\"pool\": \"10.0.0.10-10.0.255.200\"}],"
                + "  \"relay\": {\"ip-addresses\": [\"127.0.0.250\"]}}]}}";
    }

    private void startKea(boolean keaIsPrimary) throws Exception {
        Path file = dir.resolve("kea.json");
        Files.writeString(file, config("kea", "127.0.0.1", keaIsPrimary, true));
        Files.deleteIfExists(dir.resolve("kea.sock"));
        kea = ns.spawn(dir.resolve("kea.log"), "env", "KEA_PIDFILE_DIR=" + dir, "KEA_LOCKFILE_DIR=" + dir,
                "kea-dhcp4", "-c", file.toString());
        ControlClient.await(dir.resolve("kea.sock"), 30);
    }

    private void startKakapo(boolean keaIsPrimary) throws Exception {
        Path file = dir.resolve("kakapo.json");
        Files.writeString(file, config("kakapo", "127.0.0.2", keaIsPrimary, false));
        kakapo = KakapoProcess.start(ns, file, dir.resolve("kakapo.log"));
    }

    private JsonNode command(String server, String command) throws Exception {
        return JSON.readTree(ControlClient.send(dir.resolve(server + ".sock"), command));
    }

    private String state(String server) {
        try {
            return command(server, "{\"command\": \"status-get\"}").path("arguments").path("high-availability").path(0)
                    .path("ha-servers").path("local").path("state").asText();
        } catch (Exception e) {
            return "(no answer: " + e.getMessage() + ")";
        }
    }

    private void awaitStates(String keaState, String kakapoState, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!(keaState == null || state("kea").equals(keaState)) || !state("kakapo").equals(kakapoState)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: kea " + (keaState == null ? "-" : state("kea"))
                        + ", kakapo " + state("kakapo") + "\nkea log:\n" + tail("kea.log") + "\nkakapo log:\n" + kakapo.log());
            }
            Thread.sleep(200);
        }
    }

    private String tail(String log) throws Exception {
        Path file = dir.resolve(log);
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private Set<String> leases(String server) throws Exception {
        Set<String> addresses = new TreeSet<>();
        JsonNode answer = command(server, "{\"command\": \"lease4-get-all\"}");
        answer.path("arguments").path("leases").forEach(l -> {
            if (l.path("state").asInt() == 0) {
                addresses.add(l.path("ip-address").asText());
            }
        });
        return addresses;
    }

    private Perfdhcp load(String server, int clients) throws Exception {
        return new Perfdhcp(ns.run(90, "perfdhcp", "-4", "-l", "127.0.0.250", "-r", "100", "-n", String.valueOf(clients),
                "-R", "100000", "-W", "2000000", server).output());
    }

    @ParameterizedTest(name = "Kea primary: {0}")
    @ValueSource(booleans = {true, false})
    void failsOverBothWaysWithKea(boolean keaIsPrimary) throws Exception {
        startKea(keaIsPrimary);
        startKakapo(keaIsPrimary);
        awaitStates("hot-standby", "hot-standby", 60);

        String primaryAddress = keaIsPrimary ? "127.0.0.1" : "127.0.0.2";
        String standbyAddress = keaIsPrimary ? "127.0.0.2" : "127.0.0.1";
        Perfdhcp served = load(primaryAddress, 200);
        assertEquals(200, served.ackReceived, served.output);
        assertEquals(leases(keaIsPrimary ? "kea" : "kakapo"), leases(keaIsPrimary ? "kakapo" : "kea"),
                "every lease the primary acknowledged is on the standby");

        // The primary is killed: the standby takes over and serves.
        if (keaIsPrimary) {
            kea.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            awaitStates(null, "partner-down", 30);
        } else {
            kakapo.kill();
            awaitStatesOfKeaOnly("partner-down", 30);
        }
        Perfdhcp takenOver = load(standbyAddress, 100);
        assertEquals(100, takenOver.ackReceived, takenOver.output);

        // The primary returns, synchronises from the standby, and both go back to hot-standby.
        if (keaIsPrimary) {
            startKea(true);
        } else {
            startKakapo(false);
        }
        awaitStates("hot-standby", "hot-standby", 90);
        assertEquals(leases("kea"), leases("kakapo"), "both hold the same leases again");
    }

    private void awaitStatesOfKeaOnly(String keaState, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!state("kea").equals(keaState)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("kea not in " + keaState + " within " + seconds + " s: " + state("kea") + "\n" + tail("kea.log"));
            }
            Thread.sleep(200);
        }
    }
}
