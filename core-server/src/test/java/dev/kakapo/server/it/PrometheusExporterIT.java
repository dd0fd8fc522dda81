package dev.kakapo.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.kakapo.server.testing.InProcessDhcp.await;
import static dev.kakapo.server.testing.InProcessDhcp.dora;
import static dev.kakapo.server.testing.InProcessDhcp.haState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus exporter loaded by a hot-standby pair's primary: /metrics carries the same
 * numbers as statistic-get-all after a run of clients, and its HA gauges follow the partner
 * going away (hot-standby, then partner-down).
 */
class PrometheusExporterIT {

    private static final Ipv4Address RELAY = Ipv4Address.parse("10.1.0.1");
    /** The samples that come from statistics: Kea's, the HA library's and the parking lot's. */
    private static final Pattern SAMPLE = Pattern.compile(
            "(?m)^(kea_dhcp4_[a-z_]+|kakapo_ha_lease_[a-z_]+|kakapo_ha_leases_withdrawn_total|kakapo_ha_unsent_updates|kakapo_packets_parked)(\\{[^}]*})? (\\S+)$");

    @TempDir
    Path dir;
    private Dhcp4Server primary;
    private Dhcp4Server standby;
    private int primaryPort;
    private int standbyPort;
    private int metricsPort;

    @AfterEach
    void stop() {
        for (Dhcp4Server server : new Dhcp4Server[] {primary, standby}) {
            if (server != null) {
                server.close();
            }
        }
    }


    private Dhcp4Server start(String self, String exporter) throws Exception {
        String config = "{\"Dhcp4\": {\"lease-database\": {\"type\": \"memfile\", \"persist\": false}, \"valid-lifetime\": 3600,"
                + "\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"}," + exporter
                + "  {\"library\": \"libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{"
                + "    \"this-server-name\": \"" + self + "\", \"mode\": \"hot-standby\","
                + "    \"heartbeat-delay\": 200, \"max-response-delay\": 1000, \"max-ack-delay\": 100, \"max-unacked-clients\": 0,"
                + "    \"peers\": [{\"name\": \"server1\", \"url\": \"http://127.0.0.1:" + primaryPort + "/\", \"role\": \"primary\"},"
                + "               {\"name\": \"server2\", \"url\": \"http://127.0.0.2:" + standbyPort + "/\", \"role\": \"standby\"}]}]}}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.200\"},"
                + "  {\"pool\": \"10.1.0.220-10.1.0.230\"}]}]}}";
        return Dhcp4Server.builder().withoutSockets().configText(config).start();
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static DhcpPacket discover(int client) {
        DhcpPacket query = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(client).hops(1).giaddr(RELAY)
                .hardwareAddress(HardwareAddress.parse(String.format("02:00:00:00:02:%02x", client)))
                .messageType(MessageType.DISCOVER);
        query.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3});
        return query;
    }

    @Test
    void metricsMatchTheStatisticsAndFollowThePartner() throws Exception {
        primaryPort = Ports.free();
        standbyPort = Ports.free();
        metricsPort = Ports.free();
        primary = start("server1", "{\"library\": \"prometheus\", \"parameters\": {\"port\": " + metricsPort + "}},");
        standby = start("server2", "");
        await(() -> haState(primary).equals("hot-standby") && haState(standby).equals("hot-standby"), 20,
                () -> "both in hot-standby: " + haState(primary) + " / " + haState(standby));
        assertTrue(scrape().contains("kakapo_ha_state{relationship=\"server1\",mode=\"hot-standby\",role=\"primary\","
                + "state=\"hot-standby\"} 1"));
        for (int client = 1; client <= 40; client++) {
            dora(primary, discover(client));
        }

        String metrics = scrape();
        JsonNode statistics = primary.execute(new CommandRequest("statistic-get-all", null)).arguments();
        Map<String, Double> expected = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statistics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            expected.put(e.getKey(), e.getValue().path(0).path(0).asDouble());
        }
        assertEquals(40.0, value(metrics, "kea_dhcp4_packets_sent_total{operation=\"ack\"}"));
        assertEquals(expected.get("pkt4-ack-sent"), value(metrics, "kea_dhcp4_packets_sent_total{operation=\"ack\"}"));
        assertEquals(expected.get("pkt4-discover-received"), value(metrics, "kea_dhcp4_packets_received_total{operation=\"discover\"}"));
        assertEquals(expected.get("subnet[1].assigned-addresses"), value(metrics, "kea_dhcp4_addresses_assigned_total{subnet=\"1\"}"));
        assertEquals(40.0, value(metrics, "kea_dhcp4_pool_addresses_assigned_total{subnet=\"1\",pool=\"0\"}"));
        assertEquals(11.0, value(metrics, "kea_dhcp4_pool_addresses_total{subnet=\"1\",pool=\"1\"}"));
        assertEquals(40.0, value(metrics, "kakapo_ha_lease_updates_sent_total{relationship=\"server1\"}"),
                "each ACK waited for the standby's acknowledgement");
        assertEquals(0.0, value(metrics, "kakapo_ha_lease_updates_failed_total{relationship=\"server1\"}"));
        assertTrue(value(metrics, "kakapo_ha_lease_update_seconds_total{relationship=\"server1\"}") > 0);
        assertEquals(0.0, value(metrics, "kakapo_packets_parked"), "no answer left parked");
        Matcher sample = SAMPLE.matcher(metrics);
        int compared = 0;
        while (sample.find()) {
            compared++;
        }
        assertTrue(compared >= expected.size(), "every statistic exported: " + compared + " of " + expected.size());

        standby.close();
        standby = null;
        await(() -> haState(primary).equals("partner-down"), 10, () -> "the primary in partner-down: " + haState(primary));
        String after = scrape();
        assertTrue(after.contains("kakapo_ha_state{relationship=\"server1\",mode=\"hot-standby\",role=\"primary\","
                + "state=\"partner-down\"} 1"), after);
        assertTrue(after.contains("kakapo_ha_communication_interrupted{relationship=\"server1\",partner=\"server2\"} 1"), after);
    }

    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }
}
