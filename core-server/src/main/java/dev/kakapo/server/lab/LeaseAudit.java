package dev.kakapo.server.lab;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks acknowledged leases against what the servers hold: every lease a client was acknowledged
 * must be on every server of its subnet's relationship (primary, standby or secondary, backups),
 * with the client's hardware address.
 */
final class LeaseAudit {

    /** What one server holds of the leases it should hold. */
    record Holding(String server, int leasesHeld, int expected, int missing) {
    }

    /** The audit's result: per server, and the leases held by no server at all. */
    record Result(List<Holding> holdings, int lost) {
    }

    private LeaseAudit() {
    }

    static Result audit(Deployment deployment, List<DhcpLoad.Acked> acked) throws IOException {
        Map<String, Map<String, String>> leasesByServer = new LinkedHashMap<>();
        for (Deployment.Server server : deployment.servers()) {
            JsonNode answer = ControlSocketClient.send(server.controlSocket(), "lease4-get-all", null);
            Map<String, String> leases = new HashMap<>();
            for (JsonNode lease : answer.path("arguments").path("leases")) {
                leases.put(lease.path("ip-address").asText(), lease.path("hw-address").asText());
            }
            leasesByServer.put(server.label(), leases);
        }
        Map<String, int[]> missing = new LinkedHashMap<>();
        Map<String, int[]> expected = new LinkedHashMap<>();
        deployment.servers().forEach(s -> {
            missing.put(s.label(), new int[1]);
            expected.put(s.label(), new int[1]);
        });
        int lost = 0;
        for (DhcpLoad.Acked lease : acked) {
            Deployment.Relationship relationship = relationshipOf(deployment, lease.subnetId());
            if (relationship == null) {
                continue;
            }
            boolean anywhere = false;
            for (String name : relationship.peerAddresses().keySet()) {
                String label = deployment.serverNamed(name).label();
                expected.get(label)[0]++;
                String mac = leasesByServer.get(label).get(lease.address().toString());
                if (lease.mac().equalsIgnoreCase(mac)) {
                    anywhere = true;
                } else {
                    missing.get(label)[0]++;
                }
            }
            if (!anywhere) {
                lost++;
            }
        }
        List<Holding> holdings = deployment.servers().stream().map(s -> new Holding(s.label(),
                leasesByServer.get(s.label()).size(), expected.get(s.label())[0], missing.get(s.label())[0])).toList();
        return new Result(holdings, lost);
    }

    static Deployment.Relationship relationshipOf(Deployment deployment, long subnetId) {
        for (Deployment.Relationship r : deployment.relationships()) {
            if (r.subnets().stream().anyMatch(s -> s.id() == subnetId)) {
                return r;
            }
        }
        return null;
    }
}
