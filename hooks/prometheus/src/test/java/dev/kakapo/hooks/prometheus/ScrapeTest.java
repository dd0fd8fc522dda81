package dev.kakapo.hooks.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scrape turns statistic-get-all and status-get into Stork's metric names and Kakapo's HA metrics. */
class ScrapeTest {

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode STATISTICS = json("{'pkt4-received': [[120, '2026-11-28 10:00:00.000']],"
            + " 'pkt4-discover-received': [[60, 't']], 'pkt4-ack-sent': [[58, 't']], 'pkt4-receive-drop': [[2, 't']],"
            + " 'subnet[1].total-addresses': [[200, 't']], 'subnet[1].assigned-addresses': [[58, 't']],"
            + " 'subnet[1].pool[0].assigned-addresses': [[40, 't']], 'subnet[1].v4-allocation-fail': [[1, 't']],"
            + " 'declined-addresses': [[0, 't']], 'hook-callout-failures': [[0, 't']], 'pkt4-parked': [[3, 't']],"
            + " 'ha[server1].lease-updates-sent': [[58, 't']], 'ha[server1].lease-updates-failed': [[1, 't']],"
            + " 'ha[server1].lease-update-time-us': [[29000, 't']], 'ha[server1].unsent-updates': [[4, 't']]}");

    private static final JsonNode STATUS = json("{'pid': 1, 'uptime': 30, 'reload': 10,"
            + " 'packet-queue-statistics': [0.5, 0.25, 0.125], 'dhcp-state': {'globally-disabled': false},"
            + " 'high-availability': [{'ha-mode': 'hot-standby', 'ha-servers': {"
            + "   'local': {'role': 'primary', 'scopes': ['server1'], 'server-name': 'server1', 'state': 'partner-down'},"
            + "   'remote': {'age': 7, 'analyzed-packets': 3, 'clock-skew': -2, 'communication-interrupted': true,"
            + "              'connecting-clients': 2, 'in-touch': true, 'last-scopes': [], 'last-state': 'hot-standby',"
            + "              'role': 'standby', 'server-name': 'server2', 'unacked-clients': 1}}}]}");

    private static String scrape(Map<String, JsonNode> answers) {
        return new Scrape(request -> answers.containsKey(request.name())
                ? CommandAnswer.success(answers.get(request.name())) : CommandAnswer.error("no")).render();
    }

    @Test
    void keaStatisticsComeUnderStorksNames() {
        String text = scrape(Map.of("statistic-get-all", STATISTICS, "status-get", STATUS));
        assertTrue(text.contains("kea_dhcp4_packets_received_total{operation=\"all\"} 120\n"), text);
        assertTrue(text.contains("kea_dhcp4_packets_received_total{operation=\"discover\"} 60\n"), text);
        assertTrue(text.contains("kea_dhcp4_packets_received_total{operation=\"drop\"} 2\n"), text);
        assertTrue(text.contains("kea_dhcp4_packets_sent_total{operation=\"ack\"} 58\n"), text);
        assertTrue(text.contains("kea_dhcp4_addresses_total{subnet=\"1\"} 200\n"), text);
        assertTrue(text.contains("kea_dhcp4_addresses_assigned_total{subnet=\"1\"} 58\n"), text);
        assertTrue(text.contains("kea_dhcp4_pool_addresses_assigned_total{subnet=\"1\",pool=\"0\"} 40\n"), text);
        assertTrue(text.contains("kea_dhcp4_allocations_failed_total{subnet=\"1\"} 1\n"), text);
        assertTrue(text.contains("kea_dhcp4_global_addresses_declined_total 0\n"), text);
        assertTrue(text.contains("kea_dhcp4_hook_callout_failures 0\n"), text);
        assertTrue(text.contains("kakapo_packets_parked 3\n"), text);
        assertTrue(text.contains("kakapo_ha_lease_updates_sent_total{relationship=\"server1\"} 58\n"), text);
        assertTrue(text.contains("kakapo_ha_lease_updates_failed_total{relationship=\"server1\"} 1\n"), text);
        assertTrue(text.contains("kakapo_ha_lease_update_seconds_total{relationship=\"server1\"} 0.029\n"), text);
        assertTrue(text.contains("kakapo_ha_unsent_updates{relationship=\"server1\"} 4\n"), text);
        assertTrue(text.contains("# TYPE kea_dhcp4_packets_received_total counter\n"), text);
        assertTrue(text.contains("kakapo_up 1\n"), text);
        ExpositionFormat.check(text);
    }

    @Test
    void everyRelationshipsStateAndPartnerAreGauges() {
        String text = scrape(Map.of("statistic-get-all", STATISTICS, "status-get", STATUS));
        assertTrue(text.contains("kakapo_ha_state{relationship=\"server1\",mode=\"hot-standby\",role=\"primary\",state=\"partner-down\"} 1\n"), text);
        assertTrue(text.contains("kakapo_ha_state{relationship=\"server1\",mode=\"hot-standby\",role=\"primary\",state=\"hot-standby\"} 0\n"), text);
        assertEquals(Scrape.HA_STATES.size(), text.split("kakapo_ha_state\\{").length - 1, "one series per state");
        assertTrue(text.contains("kakapo_ha_partner_state{relationship=\"server1\",partner=\"server2\",state=\"hot-standby\"} 1\n"), text);
        assertTrue(text.contains("kakapo_ha_scope{relationship=\"server1\",scope=\"server1\"} 1\n"), text);
        assertTrue(text.contains("kakapo_ha_communication_interrupted{relationship=\"server1\",partner=\"server2\"} 1\n"), text);
        assertTrue(text.contains("kakapo_ha_clock_skew_seconds{relationship=\"server1\",partner=\"server2\"} -2\n"), text);
        assertTrue(text.contains("kakapo_ha_unacked_clients{relationship=\"server1\",partner=\"server2\"} 1\n"), text);
        assertTrue(text.contains("kakapo_packet_queue_occupancy{window=\"100\"} 0.25\n"), text);
        assertTrue(text.contains("kakapo_dhcp4_disabled 0\n"), text);
        ExpositionFormat.check(text);
    }

    @Test
    void aFailedCommandLeavesTheRestAndSaysSoInKakapoUp() {
        String text = scrape(Map.of("status-get", STATUS));
        assertTrue(text.contains("kakapo_up 0\n"), text);
        assertTrue(text.contains("kakapo_ha_state{"), text);
        ExpositionFormat.check(text);
    }

    @Test
    void labelValuesAreEscaped() {
        MetricsText text = new MetricsText();
        text.sample("m", "gauge", "help", 1, "name", "a \"quoted\"\\ value\n");
        assertEquals("# HELP m help\n# TYPE m gauge\nm{name=\"a \\\"quoted\\\"\\\\ value\\n\"} 1\n", text.render());
        ExpositionFormat.check(text.render());
    }
}
