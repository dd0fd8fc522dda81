package dev.kakapo.server.lab;

import dev.kakapo.server.config.ConfigProblem;
import dev.kakapo.server.config.KeaConfigLoader;
import dev.kakapo.server.config.LoadedConfig;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's five files mapped onto loopback: same names, roles, ports and subnets, loopback addresses only. */
class DeploymentTest {

    @TempDir
    Path dir;

    @Test
    void mapsTheSeedDeploymentOntoLoopback() throws Exception {
        Deployment deployment = Deployment.map(SeedFiles.writeTo(dir), dir, true);

        assertEquals(List.of("kea-1 127.0.0.11 [server2, server4]", "kea-2 127.0.0.12 [server1]",
                        "kea-3 127.0.0.13 [server3, server5]", "kea-4 127.0.0.14 [server6]",
                        "kea-backup 127.0.0.15 [server7, server8, server9]"),
                deployment.servers().stream().map(s -> s.label() + " " + s.address() + " " + s.names()).toList());
        assertEquals(List.of("A server1 primary, server2 standby, [server7] backup, subnets [1 172.28.0.0/24 relay 127.0.0.101 218]",
                        "B server3 primary, server4 standby, [server8] backup, subnets [2 172.29.0.0/24 relay 127.0.0.40 253]",
                        "C server6 primary, server5 standby, [server9] backup, subnets [3 172.30.0.0/24 relay 127.0.0.44 253]"),
                deployment.relationships().stream().map(r -> r.label() + " " + r.primary() + " primary, " + r.secondary() + " "
                        + r.secondaryRole() + ", " + r.backups() + " backup, subnets " + r.subnets().stream()
                        .map(s -> s.id() + " " + s.prefix() + " relay " + s.relay() + " " + s.capacity()).toList()).toList());
        assertEquals("127.0.0.13", deployment.relationships().get(2).peerAddresses().get("server5"), "Kea 3 is server5 in C");

        KeaConfigLoader loader = new KeaConfigLoader(HookLibraryCatalog.fromClassPath(), "lo"::equals, KeaConfigLoader.Mode.SERVE);
        for (Deployment.Server server : deployment.servers()) {
            String text = Files.readString(server.config());
            for (String articleHost : List.of("//172.28.", "//192.168.", "172.28.0.25", "192.168.20.")) {
                assertFalse(text.contains(articleHost), server.label() + " still names the article's " + articleHost);
            }
            assertTrue(text.contains("\"heartbeat-delay\" : 1000"), "timers shortened");
            assertTrue(text.contains(server.controlSocket().toString()));
            LoadedConfig loaded = loader.parse(text, server.config().toString());
            assertEquals(List.of(), loaded.warnings().stream().map(ConfigProblem::toString)
                    .filter(w -> !w.contains("read but not acted on")).toList(), server.label());
        }
    }

    @Test
    void keepsTheArticlesTimersWhenAsked() throws Exception {
        Deployment deployment = Deployment.map(SeedFiles.writeTo(dir), dir, false);
        assertFalse(Files.readString(deployment.server("kea-1").config()).contains("heartbeat-delay"));
    }
}
