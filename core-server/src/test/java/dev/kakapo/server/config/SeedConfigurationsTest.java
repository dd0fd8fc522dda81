package dev.kakapo.server.config;

import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five configurations of the seed article, exactly as printed there. */
class SeedConfigurationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"kea-1", "kea-2", "kea-3", "kea-4", "kea-backup"})
    void everySeedConfigurationIsAcceptedAsItStands(String name) throws ConfigException {
        LoadedConfig loaded = Configs.check(Configs.resource("seed/" + name + ".json"));
        Dhcp4Config c = loaded.config();
        assertEquals(List.of("ha", "lease-cmds"), c.hooksLibraries().stream().map(HookLibraryConfig::provider).collect(Collectors.toList()));
        assertEquals(new MultiThreadingConfig(true, 4, 28), c.multiThreading());
        assertEquals("/tmp/kea-dhcp4-socket", c.controlSockets().get(0).socketName());
        assertEquals(15, c.declineProbationPeriod());
        assertEquals(0.25, c.global().cacheThreshold());
        assertTrue(c.global().calculateTeeTimes());
        assertEquals("stdout", c.loggers().get(0).outputs().get(0).output());
        // The only warnings are the seed's interfaces, which this host does not have.
        for (ConfigProblem warning : loaded.warnings()) {
            assertTrue(warning.message().contains("does not exist on this host"), warning.toString());
        }
    }

    @Test
    void readsTheBackupServersThreeRelationshipsSubnets() throws ConfigException {
        Dhcp4Config c = Configs.check(Configs.resource("seed/kea-backup.json")).config();
        assertEquals(List.of(1L, 2L, 3L), c.subnets().stream().map(Subnet4Config::id).collect(Collectors.toList()));
        Subnet4Config second = c.subnet(2).orElseThrow();
        assertEquals("172.29.0.0/24", second.prefix().toString());
        assertEquals(Ipv4Address.parse("172.29.0.2"), second.pools().get(0).first());
        assertEquals(Ipv4Address.parse("172.29.0.254"), second.pools().get(0).last());
        assertEquals("server8", second.userContext().path("ha-server-name").asText());
        assertEquals(List.of("172.28.0.250", "172.28.0.251", "172.28.0.249", "172.28.0.252"),
                second.parameters().relayAddresses().stream().map(Ipv4Address::toString).collect(Collectors.toList()));
        assertArrayEquals(Ipv4Address.parse("172.29.0.1").toBytes(), second.optionData().get(0).data());
        assertEquals(3, c.hooksLibraries().get(0).parameters().path("high-availability").size());
    }

    @Test
    void servingRefusesInterfacesThisHostLacksWhereCheckingOnlyWarns() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Configs.loader(KeaConfigLoader.Mode.SERVE).parse(Configs.resource("seed/kea-1.json"), "kea-1.json"));
        assertEquals("Dhcp4.interfaces-config.interfaces[0]", e.errors().get(0).path());
        assertEquals(new SourceLocation(9, 17), e.errors().get(0).location());
    }

    @Test
    void servingAcceptsTheSeedOnceItsInterfaceExists() throws ConfigException {
        String mapped = Configs.resource("seed/kea-2.json").replace("enp0s8", "eth0");
        LoadedConfig loaded = Configs.loader(KeaConfigLoader.Mode.SERVE).parse(mapped, "kea-2.json");
        assertEquals("eth0", loaded.config().subnets().get(0).parameters().interfaceName());
    }
}
