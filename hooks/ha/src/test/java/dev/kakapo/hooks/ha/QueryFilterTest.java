package dev.kakapo.hooks.ha;

import dev.kakapo.api.net.HexBytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
