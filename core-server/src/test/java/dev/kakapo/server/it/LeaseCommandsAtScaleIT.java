package dev.kakapo.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.control.CommandDispatcher;
import dev.kakapo.server.control.ServerCommands;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lease commands on a persisted store across a restart, and lease4-get-page over a million leases. */
class LeaseCommandsAtScaleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MILLION = 1_000_000;

    @TempDir
    Path dir;

    private static String config(String leaseDatabase) {
        return "{\"Dhcp4\": {\"lease-database\": " + leaseDatabase + ", \"valid-lifetime\": 3600,"
                + "\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.0.0.0/8\", \"pools\": [{\"pool\": \"10.0.0.1-10.15.66.64\"}]}]}}";
    }

    private static CommandDispatcher commands(Dhcp4Server server) {
        return new ServerCommands(server, HookLibraryCatalog.fromClassPath(), null, exit -> { }).dispatcher();
    }

    private static CommandAnswer run(CommandDispatcher dispatcher, String command) throws Exception {
        return dispatcher.dispatch(JSON.readTree(command));
    }

    @Test
    void changesAreInTheStoreAtOnceAndSurviveARestart() throws Exception {
        String database = "{\"type\": \"memfile\", \"persist\": true, \"name\": \"" + dir.resolve("leases4.csv") + "\"}";
        try (Dhcp4Server server = Dhcp4Server.builder().withoutSockets().configText(config(database)).start()) {
            CommandDispatcher commands = commands(server);
            assertEquals(0, run(commands, "{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"10.0.0.7\","
                    + " \"hw-address\": \"02:00:00:00:00:07\"}}").result());
            assertEquals(1, server.statistics().value("subnet[1].assigned-addresses"));
            assertTrue(server.leases().get(Ipv4Address.parse("10.0.0.7")).isPresent());
        }
        try (Dhcp4Server again = Dhcp4Server.builder().withoutSockets().configText(config(database)).start()) {
            CommandAnswer found = run(commands(again), "{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"10.0.0.7\"}}");
            assertEquals(0, found.result(), found.text());
            assertEquals("02:00:00:00:00:07", found.arguments().get("hw-address").asText());
            assertEquals(1, again.statistics().value("subnet[1].assigned-addresses"));
        }
    }

    @Test
    void pagesThroughAMillionLeasesInAddressOrder() throws Exception {
        try (Dhcp4Server server = Dhcp4Server.builder().withoutSockets()
                .configText(config("{\"type\": \"memfile\", \"persist\": false}")).start()) {
            long now = System.currentTimeMillis() / 1000;
            int first = Ipv4Address.parse("10.0.0.1").bits();
            for (int i = 0; i < MILLION; i++) {
                byte[] mac = {2, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
                server.leases().insert(Lease4.assigned(Ipv4Address.of(first + i), HardwareAddress.of(1, mac), null, 3600, now, 1, ""));
            }
            CommandDispatcher commands = commands(server);
            long started = System.nanoTime();
            String from = "start";
            long seen = 0;
            int previous = first - 1;
            int pages = 0;
            while (true) {
                CommandAnswer page = run(commands, "{\"command\": \"lease4-get-page\", \"arguments\": {\"from\": \"" + from
                        + "\", \"limit\": 1000}}");
                if (page.result() == CommandAnswer.RESULT_EMPTY) {
                    break;
                }
                assertEquals(0, page.result(), page.text());
                pages++;
                for (JsonNode lease : page.arguments().get("leases")) {
                    int address = Ipv4Address.parse(lease.get("ip-address").asText()).bits();
                    assertTrue(Integer.compareUnsigned(address, previous) > 0, "ascending and exclusive of 'from'");
                    previous = address;
                    seen++;
                }
                from = Ipv4Address.of(previous).toString();
            }
            long pagingMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(MILLION, seen);
            assertEquals(MILLION / 1000, pages);

            started = System.nanoTime();
            CommandAnswer all = run(commands, "{\"command\": \"lease4-get-all\"}");
            long allMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(MILLION, all.arguments().get("leases").size());
            // Reported, not asserted: timings belong in benchmarks, not in tests.
            System.out.printf("lease4-get-page over %,d leases: %d pages in %,d ms; lease4-get-all: %,d ms%n",
                    seen, pages, pagingMillis, allMillis);
        }
    }
}
