package dev.kakapo.server.lab;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every relationship's state on every server, read with {@code status-get}, and drawn as a table. */
final class StateTable {

    /** Local states in which a relationship is where it should be in normal operation. */
    private static final Set<String> STEADY = Set.of("hot-standby", "load-balancing", "passive-backup", "backup");

    private final Deployment deployment;

    StateTable(Deployment deployment) {
        this.deployment = deployment;
    }

    /** For each server label, the state of each relationship label ({@code down} when the server does not answer). */
    Map<String, Map<String, String>> read(Map<String, LabServer> servers) {
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        for (Deployment.Server server : deployment.servers()) {
            Map<String, String> row = new LinkedHashMap<>();
            LabServer process = servers.get(server.label());
            try {
                if (process == null || !process.isRunning()) {
                    throw new IOException("not running");
                }
                JsonNode answer = ControlSocketClient.send(server.controlSocket(), "status-get", null);
                for (JsonNode relationship : answer.path("arguments").path("high-availability")) {
                    JsonNode local = relationship.path("ha-servers").path("local");
                    String name = local.path("server-name").asText();
                    row.put(labelOf(name), name + " " + local.path("state").asText());
                }
            } catch (IOException e) {
                for (String name : server.names()) {
                    row.put(labelOf(name), name + " down");
                }
            }
            table.put(server.label(), row);
        }
        return table;
    }

    /** Whether every relationship on every server in {@code table} is in its normal state. */
    static boolean steady(Map<String, Map<String, String>> table) {
        return table.values().stream().flatMap(row -> row.values().stream())
                .allMatch(cell -> STEADY.contains(cell.substring(cell.indexOf(' ') + 1)));
    }

    /** The state of {@code serverName} in {@code table}, or null. */
    static String stateOf(Map<String, Map<String, String>> table, String serverName) {
        for (Map<String, String> row : table.values()) {
            for (String cell : row.values()) {
                if (cell.startsWith(serverName + " ")) {
                    return cell.substring(serverName.length() + 1);
                }
            }
        }
        return null;
    }

    String labelOf(String serverName) {
        for (Deployment.Relationship r : deployment.relationships()) {
            if (r.peerAddresses().containsKey(serverName)) {
                return r.label();
            }
        }
        return "?";
    }

    /** The table as text: a row per server, a column per relationship. */
    String draw(Map<String, Map<String, String>> table) {
        List<Deployment.Relationship> relationships = deployment.relationships();
        StringBuilder out = new StringBuilder(String.format("  %-12s", "server"));
        for (Deployment.Relationship r : relationships) {
            out.append(String.format("%-30s", "relationship " + r.label()));
        }
        out.append('\n');
        table.forEach((server, row) -> {
            out.append(String.format("  %-12s", server));
            for (Deployment.Relationship r : relationships) {
                out.append(String.format("%-30s", row.getOrDefault(r.label(), "-")));
            }
            out.append('\n');
        });
        return out.toString();
    }
}
