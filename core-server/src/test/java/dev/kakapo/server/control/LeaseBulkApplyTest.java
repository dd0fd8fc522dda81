package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.Dhcp4Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lease4-bulk-apply: what Kakapo's HA partners send instead of one lease4-update per lease. */
class LeaseBulkApplyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Dhcp4Server server;

    @BeforeEach
    void start() throws Exception {
        server = Dhcp4Server.builder().withoutSockets().configText("""
                {"Dhcp4": {"valid-lifetime": 3600, "lease-database": {"type": "memfile", "persist": false},
                  "hooks-libraries": [{"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"}],
                  "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.200"}]}]}}
                """).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CommandAnswer run(String command, String arguments) throws Exception {
        return server.execute(new CommandRequest(command, arguments == null ? null : JSON.readTree(arguments)));
    }

    private static String lease(String address, String mac) {
        return "{\"ip-address\": \"" + address + "\", \"hw-address\": \"" + mac + "\", \"subnet-id\": 1, \"valid-lft\": 3600, "
                + "\"expire\": 2000000000, \"hostname\": \"\", \"state\": 0, \"force-create\": true, \"origin\": \"ha-partner\"}";
    }

    @Test
    void deletesThenWritesEveryLeaseOfTheBulk() throws Exception {
        run("lease4-add", "{\"ip-address\": \"192.0.2.10\", \"hw-address\": \"1a:00:00:00:00:10\"}");
        CommandAnswer answer = run("lease4-bulk-apply", "{\"deleted-leases\": [{\"ip-address\": \"192.0.2.10\"}], \"leases\": ["
                + lease("192.0.2.11", "1a:00:00:00:00:11") + ", " + lease("192.0.2.10", "1a:00:00:00:00:99") + "]}");

        assertEquals(CommandAnswer.RESULT_SUCCESS, answer.result());
        assertEquals("Bulk apply of 3 IPv4 leases completed.", answer.text());
        assertNull(answer.arguments(), "nothing failed, so nothing is listed");
        assertEquals("1a:00:00:00:00:99", server.leases().get(Ipv4Address.parse("192.0.2.10")).orElseThrow().hwAddress().toString());
        assertTrue(server.leases().get(Ipv4Address.parse("192.0.2.11")).isPresent());
    }

    @Test
    void aLeaseThatFailsIsListedWithItsReasonAndTheOthersAreStillApplied() throws Exception {
        CommandAnswer answer = run("lease4-bulk-apply", "{\"deleted-leases\": [{\"ip-address\": \"192.0.2.77\"}], \"leases\": ["
                + lease("10.9.9.9", "1a:00:00:00:00:01") + ", " + lease("192.0.2.12", "1a:00:00:00:00:12") + "]}");

        assertEquals(CommandAnswer.RESULT_SUCCESS, answer.result());
        assertEquals("Bulk apply of 1 IPv4 leases completed.", answer.text());
        JsonNode deleted = answer.arguments().get("failed-deleted-leases");
        assertEquals(1, deleted.size());
        assertEquals("192.0.2.77", deleted.get(0).get("ip-address").asText());
        assertEquals(CommandAnswer.RESULT_EMPTY, deleted.get(0).get("result").asInt(), "a lease not there to delete");
        JsonNode written = answer.arguments().get("failed-leases");
        assertEquals(1, written.size());
        assertEquals("10.9.9.9", written.get(0).get("ip-address").asText());
        assertEquals(run("lease4-update", lease("10.9.9.9", "1a:00:00:00:00:01")).result(), written.get(0).get("result").asInt(),
                "the result lease4-update gives for it");
        assertTrue(written.get(0).get("error-message").asText().contains("10.9.9.9"), written.toString());
        assertTrue(server.leases().get(Ipv4Address.parse("192.0.2.12")).isPresent());
    }

    @Test
    void argumentsThatAreNotListsAreRefusedWithTheReason() throws Exception {
        assertEquals("'deleted-leases' and 'leases' must be lists",
                run("lease4-bulk-apply", "{\"leases\": {\"ip-address\": \"192.0.2.10\"}}").text());
        assertEquals("neither 'deleted-leases' nor 'leases' parameter specified", run("lease4-bulk-apply", "{}").text());
        assertEquals(CommandAnswer.RESULT_ERROR, run("lease4-bulk-apply", null).result());
    }
}
