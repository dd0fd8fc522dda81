package dev.kakapo.hooks.leasecmds;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.Ipv4Prefix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The lease object of lease4-add/-update, read as Kea's parser reads it (the parity test compares with Kea itself). */
class LeaseParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LeaseParser parser = new LeaseParser(new Subnets(List.of(
            new SubnetInfo(1, Ipv4Prefix.parse("192.0.2.0/24"), null, null, 4000),
            new SubnetInfo(2, Ipv4Prefix.parse("198.51.100.0/24"), null, null, 7200))));

    private Lease4 parse(String json) throws Exception {
        return parser.parse(JSON.readTree(json), 1_800_000_000L);
    }

    private String failure(String json) {
        return assertThrows(CommandFailure.class, () -> parse(json)).getMessage();
    }

    @Test
    void takesTheSubnetOfTheAddressAndItsLifetime() throws Exception {
        Lease4 lease = parse("{\"ip-address\": \"198.51.100.5\", \"hw-address\": \"2a:2b:2c:2d:2e:2f\", \"client-id\": \"0xaabbcc\","
                + " \"hostname\": \"Mixed.Case\", \"comment\": \"hi\"}");
        assertEquals(2, lease.subnetId());
        assertEquals(7200, lease.validLifetime());
        assertEquals(1_800_000_000L, lease.cltt());
        assertEquals("mixed.case", lease.hostname());
        assertEquals("{\"comment\":\"hi\"}", lease.userContext());
        assertEquals(3, lease.clientId().length);
    }

    @Test
    void expireSetsTheLastTransactionTime() throws Exception {
        Lease4 lease = parse("{\"ip-address\": \"192.0.2.11\", \"hw-address\": \"\", \"valid-lft\": 100, \"expire\": 2000000000, \"state\": 1}");
        assertEquals(1_999_999_900L, lease.cltt());
        assertEquals(LeaseState.DECLINED, lease.state());
        assertEquals(null, lease.hwAddress());
    }

    @Test
    void refusesWhatKeaRefusesWithItsWords() {
        assertEquals("missing parameter 'hw-address'", failure("{\"ip-address\": \"192.0.2.12\"}"));
        assertEquals("'z' is not a valid hexadecimal digit in decoded string 'zz:1b'",
                failure("{\"ip-address\": \"192.0.2.12\", \"hw-address\": \"zz:1b\"}"));
        assertEquals("The address 192.0.2.12 does not belong to subnet 198.51.100.0/24, subnet-id=2",
                failure("{\"ip-address\": \"192.0.2.12\", \"hw-address\": \"1a:1b\", \"subnet-id\": 2}"));
        assertEquals("Invalid state value: 7, supported values are: 0 (default), 1 (declined) and 2 (expired-reclaimed)",
                failure("{\"ip-address\": \"192.0.2.12\", \"hw-address\": \"1a:1b\", \"state\": 7}"));
        assertEquals("Duplicated comment entry '\"b\"' in user context '{ \"comment\": \"a\" }'",
                failure("{\"ip-address\": \"192.0.2.12\", \"hw-address\": \"1a:1b\", \"user-context\": {\"comment\": \"a\"}, \"comment\": \"b\"}"));
    }
}
