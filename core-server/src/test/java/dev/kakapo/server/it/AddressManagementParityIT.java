package dev.kakapo.server.it;

import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.DoraProbe;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Host reservations, client classes, shared networks and relay agent information, answer for
 * answer against Kea 2.2: the same configuration (parity/address-management.json) served by
 * kea-dhcp4 and by Kakapo, the same scripted clients (parity/address-management.script) sent
 * through both by relays on 127.0.0.250 and 127.0.0.251, every OFFER and ACK compared field by
 * field and option by option.
 */
class AddressManagementParityIT {

    @TempDir
    Path dir;
    private Netns ns;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available() && Commands.onPath("kea-dhcp4") && KakapoProcess.projectRoot() != null,
                "needs root and kea-dhcp4; .ci/run provides them");
        ns = Netns.create("parity");
        ns.exec("ip", "addr", "add", "127.0.0.250/8", "dev", "lo");
        ns.exec("ip", "addr", "add", "127.0.0.251/8", "dev", "lo");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private Path config(String server) throws IOException {
        String text = resource("address-management.json")
                .replace("@LEASES@", dir.resolve(server + "-leases4.csv").toString())
                .replace("@LOG@", dir.resolve(server + ".log").toString());
        Path file = dir.resolve(server + ".json");
        Files.writeString(file, text);
        return file;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AddressManagementParityIT.class.getResourceAsStream("/parity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> probe() throws Exception {
        Path script = dir.resolve("clients.script");
        Files.writeString(script, resource("address-management.script"));
        return ns.run(120, DoraProbe.command("127.0.0.1", script.toString())).output().lines().toList();
    }

    @Test
    void answersEveryScriptedClientAsKeaDoes() throws Exception {
        Process kea = ns.spawn(dir.resolve("kea.out"), "env", "KEA_PIDFILE_DIR=" + dir, "KEA_LOCKFILE_DIR=" + dir,
                "kea-dhcp4", "-c", config("kea").toString());
        List<String> keaAnswers;
        try {
            Thread.sleep(1500);
            keaAnswers = probe();
        } finally {
            kea.destroy();
            assertTrue(kea.waitFor(20, TimeUnit.SECONDS), "Kea stops");
        }
        List<String> kakapoAnswers;
        try (KakapoProcess kakapo = KakapoProcess.start(ns, config("kakapo"), dir.resolve("kakapo.out"))) {
            kakapoAnswers = probe();
            assertEquals(0, kakapo.stop(), kakapo.log());
        }

        String both = "Kea:\n" + String.join("\n", keaAnswers) + "\nKakapo:\n" + String.join("\n", kakapoAnswers);
        // The script's expectations, so that two servers wrong in the same way cannot pass.
        assertTrue(keaAnswers.contains("02:00:00:00:10:05 NONE"), both);
        assertTrue(keaAnswers.stream().anyMatch(l -> l.startsWith("02:00:00:00:10:02 ACK yiaddr=10.0.1.10")
                && l.contains("file=pxelinux.0")), both);
        assertTrue(keaAnswers.stream().anyMatch(l -> l.startsWith("02:00:00:00:10:04 ACK yiaddr=10.0.2.10")
                && l.contains("82=01086c6f6262792d6170")), both);
        assertTrue(keaAnswers.stream().anyMatch(l -> l.startsWith("02:00:00:00:00:05 ACK yiaddr=10.0.9.55")), both);
        assertTrue(keaAnswers.stream().anyMatch(l -> l.startsWith("02:00:00:00:20:03 ACK yiaddr=10.6.0.10")), both);
        assertEquals(keaAnswers, kakapoAnswers, both);
    }
}
