package dev.kakapo.hooks.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One scrape: {@code statistic-get-all} and {@code status-get} turned into metric families.
 * Kea's statistics come under Stork's names; the server's state and every HA relationship's
 * (what Stork does not export) under {@code kakapo_}.
 */
final class Scrape {

    /** Every state an HA relationship can be in, as Kea names them: one 0/1 series each, for alerts. */
    static final List<String> HA_STATES = List.of("backup", "communication-recovery", "hot-standby", "in-maintenance",
            "load-balancing", "partner-down", "partner-in-maintenance", "passive-backup", "ready", "syncing",
            "terminated", "waiting");
    private static final String[] QUEUE_WINDOWS = {"10", "100", "1000"};

    private final Function<CommandRequest, CommandAnswer> commands;

    Scrape(Function<CommandRequest, CommandAnswer> commands) {
        this.commands = commands;
    }

    String render() {
        MetricsText text = new MetricsText();
        boolean statistics = statistics(text);
        boolean status = status(text);
        text.sample("kakapo_up", "gauge", "1 when the last scrape read the server's statistics and status.",
                statistics && status ? 1 : 0);
        return text.render();
    }

    private boolean statistics(MetricsText text) {
        CommandAnswer answer = commands.apply(new CommandRequest("statistic-get-all", null));
        if (answer.result() != CommandAnswer.RESULT_SUCCESS || answer.arguments() == null) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = answer.arguments().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> statistic = fields.next();
            JsonNode latest = statistic.getValue().path(0).path(0);
            if (!latest.isNumber()) {
                continue;
            }
            StatisticNames.Target target = StatisticNames.of(statistic.getKey());
            text.sample(target.metric(), target.type(), target.help(), latest.asDouble() / target.divisor(), target.labels());
        }
        return true;
    }

    private boolean status(MetricsText text) {
        CommandAnswer answer = commands.apply(new CommandRequest("status-get", null));
        if (answer.result() != CommandAnswer.RESULT_SUCCESS || answer.arguments() == null) {
            return false;
        }
        JsonNode status = answer.arguments();
        text.sample("kakapo_uptime_seconds", "gauge", "Seconds since the server started.", status.path("uptime").asDouble());
        text.sample("kakapo_config_age_seconds", "gauge", "Seconds since the configuration was last (re)loaded.",
                status.path("reload").asDouble());
        text.sample("kakapo_dhcp4_disabled", "gauge", "1 while the DHCP service is disabled (dhcp-disable, HA).",
                status.path("dhcp-state").path("globally-disabled").asBoolean() ? 1 : 0);
        JsonNode queue = status.path("packet-queue-statistics");
        for (int i = 0; i < QUEUE_WINDOWS.length && i < queue.size(); i++) {
            text.sample("kakapo_packet_queue_occupancy", "gauge",
                    "Packets waiting in the handlers' rings, averaged over the last 10, 100 and 1000 packets.",
                    queue.path(i).asDouble(), "window", QUEUE_WINDOWS[i]);
        }
        for (JsonNode relationship : status.path("high-availability")) {
            relationship(text, relationship);
        }
        return true;
    }

    private static void relationship(MetricsText text, JsonNode relationship) {
        JsonNode local = relationship.path("ha-servers").path("local");
        String name = local.path("server-name").asText();
        String mode = relationship.path("ha-mode").asText();
        String state = local.path("state").asText();
        for (String candidate : HA_STATES) {
            text.sample("kakapo_ha_state", "gauge", "1 for the state this server is in, per relationship (its name in it).",
                    candidate.equals(state) ? 1 : 0, "relationship", name, "mode", mode,
                    "role", local.path("role").asText(), "state", candidate);
        }
        for (JsonNode scope : local.path("scopes")) {
            text.sample("kakapo_ha_scope", "gauge", "1 for each scope (a server's share of the clients) this server serves.",
                    1, "relationship", name, "scope", scope.asText());
        }
        JsonNode remote = relationship.path("ha-servers").path("remote");
        if (remote.isMissingNode()) {
            return;
        }
        String partner = remote.path("server-name").asText();
        String partnerState = remote.path("last-state").asText();
        for (String candidate : HA_STATES) {
            text.sample("kakapo_ha_partner_state", "gauge", "1 for the state the partner last reported, per relationship.",
                    candidate.equals(partnerState) ? 1 : 0, "relationship", name, "partner", partner, "state", candidate);
        }
        text.sample("kakapo_ha_partner_in_touch", "gauge", "1 once the partner has answered since this server started.",
                remote.path("in-touch").asBoolean() ? 1 : 0, "relationship", name, "partner", partner);
        text.sample("kakapo_ha_communication_interrupted", "gauge",
                "1 when the partner has not answered for longer than max-response-delay.",
                remote.path("communication-interrupted").asBoolean() ? 1 : 0, "relationship", name, "partner", partner);
        text.sample("kakapo_ha_partner_age_seconds", "gauge", "Seconds since the partner last answered.",
                remote.path("age").asDouble(), "relationship", name, "partner", partner);
        if (remote.path("clock-skew").isNumber()) {
            text.sample("kakapo_ha_clock_skew_seconds", "gauge", "The partner's clock minus ours, at the last heartbeat.",
                    remote.path("clock-skew").asDouble(), "relationship", name, "partner", partner);
        }
        text.sample("kakapo_ha_unacked_clients", "gauge",
                "Clients the partner left unanswered while communication is interrupted.",
                remote.path("unacked-clients").asDouble(), "relationship", name, "partner", partner);
        text.sample("kakapo_ha_connecting_clients", "gauge", "Clients trying to get a lease while communication is interrupted.",
                remote.path("connecting-clients").asDouble(), "relationship", name, "partner", partner);
        text.sample("kakapo_ha_analyzed_packets", "gauge", "Packets looked at while communication is interrupted.",
                remote.path("analyzed-packets").asDouble(), "relationship", name, "partner", partner);
    }
}
