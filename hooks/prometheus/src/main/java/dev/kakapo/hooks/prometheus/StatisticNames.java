package dev.kakapo.hooks.prometheus;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kea's statistic names as metrics: the packet counters and the per-subnet and per-pool address
 * counts under the names ISC's Stork agent gives them ({@code kea_dhcp4_packets_received_total},
 * {@code kea_dhcp4_addresses_assigned_total}, ...), everything else as
 * {@code kea_dhcp4_<name>} with dashes turned into underscores.
 */
final class StatisticNames {

    /** Where a statistic goes: metric name, type, help, labels, and the factor its value is multiplied by. */
    record Target(String metric, String type, String help, String[] labels, double divisor) {

        Target(String metric, String type, String help, String[] labels) {
            this(metric, type, help, labels, 1);
        }
    }

    private static final Pattern RECEIVED = Pattern.compile("pkt4-([a-z]+)-received");
    private static final Pattern SENT = Pattern.compile("pkt4-([a-z]+)-sent");
    private static final Pattern HA = Pattern.compile("ha\\[([^]]+)]\\.([a-z0-9-]+)");
    private static final Pattern SUBNET = Pattern.compile("subnet\\[(\\d+)]\\.(?:pool\\[(\\d+)]\\.)?([a-z0-9-]+)");

    /** Address statistics of a subnet or pool: metric suffix, type, help. */
    private static final Map<String, String[]> ADDRESSES = Map.of(
            "total-addresses", new String[] {"addresses_total", "gauge", "Addresses in the pools."},
            "assigned-addresses", new String[] {"addresses_assigned_total", "gauge", "Addresses leased (declined ones included)."},
            "declined-addresses", new String[] {"addresses_declined_total", "gauge", "Addresses declined by clients and in probation."},
            "cumulative-assigned-addresses", new String[] {"cumulative_addresses_assigned_total", "counter", "Addresses assigned since the start."},
            "reclaimed-leases", new String[] {"addresses_reclaimed_total", "counter", "Expired leases reclaimed."},
            "reclaimed-declined-addresses", new String[] {"addresses_declined_reclaimed_total", "counter", "Declined addresses back in use after probation."},
            "v4-allocation-fail", new String[] {"allocations_failed_total", "counter", "Allocations that found no address."});

    private StatisticNames() {
    }

    static Target of(String statistic) {
        Matcher m = RECEIVED.matcher(statistic);
        if (m.matches()) {
            return new Target("kea_dhcp4_packets_received_total", "counter", "DHCPv4 packets received, by message type.",
                    new String[] {"operation", m.group(1)});
        }
        m = SENT.matcher(statistic);
        if (m.matches()) {
            return new Target("kea_dhcp4_packets_sent_total", "counter", "DHCPv4 packets sent, by message type.",
                    new String[] {"operation", m.group(1)});
        }
        switch (statistic) {
            case "pkt4-received":
                return new Target("kea_dhcp4_packets_received_total", "counter", "DHCPv4 packets received, by message type.",
                        new String[] {"operation", "all"});
            case "pkt4-sent":
                return new Target("kea_dhcp4_packets_sent_total", "counter", "DHCPv4 packets sent, by message type.",
                        new String[] {"operation", "all"});
            case "pkt4-receive-drop":
                return new Target("kea_dhcp4_packets_received_total", "counter", "DHCPv4 packets received, by message type.",
                        new String[] {"operation", "drop"});
            case "pkt4-parse-failed":
                return new Target("kea_dhcp4_packets_received_total", "counter", "DHCPv4 packets received, by message type.",
                        new String[] {"operation", "parse-failed"});
            default:
                break;
        }
        m = HA.matcher(statistic);
        if (m.matches()) {
            String[] labels = {"relationship", m.group(1)};
            return switch (m.group(2)) {
                case "lease-updates-sent" -> new Target("kakapo_ha_lease_updates_sent_total", "counter",
                        "Clients whose lease updates a peer acknowledged, per relationship.", labels);
                case "lease-updates-failed" -> new Target("kakapo_ha_lease_updates_failed_total", "counter",
                        "Clients whose lease updates a peer did not take, per relationship.", labels);
                case "lease-update-time-us" -> new Target("kakapo_ha_lease_update_seconds_total", "counter",
                        "Time spent waiting for peers to acknowledge lease updates; divided by"
                                + " kakapo_ha_lease_updates_sent_total, the mean latency.", labels, 1e6);
                case "unsent-updates" -> new Target("kakapo_ha_unsent_updates", "gauge",
                        "Lease updates the partner missed while out of touch (Kea's unsent-update-count).", labels);
                case "leases-withdrawn" -> new Target("kakapo_ha_leases_withdrawn_total", "counter",
                        "Leases withdrawn because the partner holds their address for another client, per relationship.",
                        labels);
                default -> new Target("kakapo_ha_" + sanitize(m.group(2)), "gauge", "HA statistic " + m.group(2) + ".", labels);
            };
        }
        if (statistic.equals("pkt4-parked")) {
            return new Target("kakapo_packets_parked", "gauge", "Answers hook libraries hold parked right now.", new String[0]);
        }
        m = SUBNET.matcher(statistic);
        if (m.matches()) {
            String[] address = ADDRESSES.get(m.group(3));
            boolean pool = m.group(2) != null;
            String prefix = pool ? "kea_dhcp4_pool_" : "kea_dhcp4_";
            String[] labels = pool ? new String[] {"subnet", m.group(1), "pool", m.group(2)} : new String[] {"subnet", m.group(1)};
            if (address != null) {
                return new Target(prefix + address[0], address[1], address[2] + (pool ? " Per pool." : " Per subnet."), labels);
            }
            return new Target(prefix + sanitize(m.group(3)), "gauge", "Kea statistic " + m.group(3) + (pool ? " per pool." : " per subnet."),
                    labels);
        }
        String[] address = ADDRESSES.get(statistic);
        if (address != null) {
            return new Target("kea_dhcp4_global_" + address[0], address[1], address[2] + " The whole server.", new String[0]);
        }
        return new Target("kea_dhcp4_" + sanitize(statistic), "gauge", "Kea statistic " + statistic + ".", new String[0]);
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
