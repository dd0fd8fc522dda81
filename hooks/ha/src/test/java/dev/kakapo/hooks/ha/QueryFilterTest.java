package dev.kakapo.hooks.ha;

import dev.kakapo.api.net.HexBytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 3074's hash, with the vectors Kea 2.2 was observed to split clients by. */
class QueryFilterTest {

    @Test
    void hashesAsKeaDoes() {
        assertEquals(254, QueryFilter.loadBalancingHash(HexBytes.parse("000000000000")));
        assertEquals(31, QueryFilter.loadBalancingHash(HexBytes.parse("0a0b0c0d0e0f")));
        assertEquals(133, QueryFilter.loadBalancingHash(HexBytes.parse("020000000001")));
        assertEquals(102, QueryFilter.loadBalancingHash(HexBytes.parse("01aabbccddeeff")));
        assertEquals(0, QueryFilter.loadBalancingHash(HexBytes.parse("01020000000023")) % 2, "served by the primary");
    }

    @Test
    void anUnevenSplitGivesThePrimaryItsShareOfTheHashes() throws Exception {
        com.fasterxml.jackson.databind.JsonNode parameters = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"high-availability\": [{\"this-server-name\": \"a\", \"mode\": \"load-balancing\","
                + " \"user-context\": {\"kakapo\": {\"primary-share\": 75}}, \"peers\": ["
                + "{\"name\": \"a\", \"url\": \"http://192.0.2.1:8000/\", \"role\": \"primary\"},"
                + "{\"name\": \"b\", \"url\": \"http://192.0.2.2:8000/\", \"role\": \"secondary\"}]}]}");
        HaConfig config = HaConfigParser.parse(parameters).get(0);
        int primary = 0;
        for (int client = 0; client < 4000; client++) {
            dev.kakapo.api.packet.DhcpPacket query = new dev.kakapo.api.packet.DhcpPacket().hardwareAddress(
                    dev.kakapo.api.net.HardwareAddress.parse(String.format("02:00:00:00:%02x:%02x", client >> 8, client & 0xff)));
            primary += QueryFilter.owner(query, config).equals("a") ? 1 : 0;
        }
        assertTrue(primary > 2700 && primary < 3300, primary + " of 4000 to the primary with a 75 % share");
    }
}
