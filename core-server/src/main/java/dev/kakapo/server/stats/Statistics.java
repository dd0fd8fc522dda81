package dev.kakapo.server.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's statistics by Kea's names. Components take their {@link Statistic} handles once
 * and bump them per packet without any look-up.
 */
public final class Statistics {

    /** Every packet read from a socket. */
    public static final String PKT4_RECEIVED = "pkt4-received";
    /** Packets dropped: ring full, no subnet, not for this server, malformed for its type, ... */
    public static final String PKT4_RECEIVE_DROP = "pkt4-receive-drop";
    /** Packets that could not be decoded. */
    public static final String PKT4_PARSE_FAILED = "pkt4-parse-failed";
    /** Every packet sent. */
    public static final String PKT4_SENT = "pkt4-sent";
    /** Answers parked by hook libraries right now (Kakapo's; Kea has no such statistic). */
    public static final String PKT4_PARKED = "pkt4-parked";
    /** Allocation failures of any kind. */
    public static final String V4_ALLOCATION_FAIL = "v4-allocation-fail";
    /** Leases declined, across subnets. */
    public static final String DECLINED_ADDRESSES = "declined-addresses";
    /** Declined leases whose probation ended. */
    public static final String RECLAIMED_DECLINED_ADDRESSES = "reclaimed-declined-addresses";
    /** Expired leases reclaimed. */
    public static final String RECLAIMED_LEASES = "reclaimed-leases";
    /** Leases assigned since start. */
    public static final String CUMULATIVE_ASSIGNED_ADDRESSES = "cumulative-assigned-addresses";

    private final ConcurrentHashMap<String, Statistic> byName = new ConcurrentHashMap<>();

    /** The statistic of this name, created at zero on first use. */
    public Statistic get(String name) {
        return byName.computeIfAbsent(name, Statistic::new);
    }

    /** The statistic of a subnet, such as {@code subnet[1].assigned-addresses}. */
    public Statistic subnet(long subnetId, String name) {
        return get("subnet[" + subnetId + "]." + name);
    }

    /** The statistic of a pool of a subnet, such as {@code subnet[1].pool[0].assigned-addresses}. */
    public Statistic pool(long subnetId, int poolIndex, String name) {
        return get("subnet[" + subnetId + "].pool[" + poolIndex + "]." + name);
    }

    /** The value of a statistic, 0 when it does not exist. */
    public long value(String name) {
        Statistic statistic = byName.get(name);
        return statistic == null ? 0 : statistic.get();
    }

    /** Every statistic and its value, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byName.forEach((name, statistic) -> {
            if (!statistic.removed()) {
                out.put(name, statistic.get());
            }
        });
        return out;
    }

    /** The statistic of this name, or null when there is none (does not create it). */
    public Statistic find(String name) {
        Statistic statistic = byName.get(name);
        return statistic == null || statistic.removed() ? null : statistic;
    }

    /** Every statistic, sorted by name. */
    public List<Statistic> all() {
        List<Statistic> all = new ArrayList<>();
        byName.values().stream().filter(statistic -> !statistic.removed()).forEach(all::add);
        all.sort(Comparator.comparing(Statistic::name));
        return all;
    }

    /** Sets the statistic of this name to 0; returns false when there is none. */
    public boolean reset(String name) {
        Statistic statistic = find(name);
        if (statistic == null) {
            return false;
        }
        statistic.set(0);
        return true;
    }

    /** Sets every statistic to 0. */
    public void resetAll() {
        byName.values().forEach(statistic -> statistic.set(0));
    }

    /** Removes the statistic of this name until it next changes; returns false when there is none. */
    public boolean remove(String name) {
        Statistic statistic = find(name);
        if (statistic == null) {
            return false;
        }
        statistic.remove();
        return true;
    }

    /** Removes every statistic until it next changes. */
    public void removeAll() {
        byName.values().forEach(Statistic::remove);
    }

    /** Removes the statistics whose names start with {@code prefix} (a subnet gone after reconfiguration). */
    public void removeAll(String prefix) {
        byName.keySet().removeIf(name -> name.startsWith(prefix));
    }
}
