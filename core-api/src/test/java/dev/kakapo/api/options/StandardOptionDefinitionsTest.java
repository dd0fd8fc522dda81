package dev.kakapo.api.options;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardOptionDefinitionsTest {

    private static final String DHCP4 = StandardOptionDefinitions.DHCP4_SPACE;

    @Test
    void namesAndCodesAreUnique() {
        Set<String> names = new HashSet<>();
        Set<Integer> codes = new HashSet<>();
        for (OptionDefinition def : StandardOptionDefinitions.all()) {
            assertTrue(names.add(def.name()), "name " + def.name() + " once");
            assertTrue(codes.add(def.code()), "code " + def.code() + " once");
        }
        assertTrue(StandardOptionDefinitions.all().size() > 110, "Kea 2.2 defines well over a hundred DHCPv4 options");
    }

    @Test
    void knowsTheOptionsKeaConfigurationsUseByNameAndCode() {
        assertEquals(3, StandardOptionDefinitions.byName(DHCP4, "routers").orElseThrow().code());
        assertEquals("domain-name-servers", StandardOptionDefinitions.byCode(DHCP4, 6).orElseThrow().name());
        assertEquals(114, StandardOptionDefinitions.byName(DHCP4, "v4-captive-portal").orElseThrow().code());
        assertEquals(StandardOptionDefinitions.AGENT_OPTIONS_SPACE,
                StandardOptionDefinitions.byCode(DHCP4, 82).orElseThrow().encapsulate());
        assertTrue(StandardOptionDefinitions.byName("vendor-encapsulated-options-space", "routers").isEmpty());
    }

    @Test
    void marksCodesKeaStandardisedAfter22() {
        assertTrue(StandardOptionDefinitions.isLaterAddition(121));
        assertTrue(!StandardOptionDefinitions.isLaterAddition(3));
    }
}
