package dev.kakapo.server.hafaults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two promises of HA, checked from the clients' side.
 *
 * <ul>
 *   <li><b>No address is given to two clients.</b> A client holds an address from the DHCPACK
 *   that gave or extended it until the lease time in that ACK runs out, or until it is told
 *   otherwise (a NAK, or an ACK for another address). Two clients holding one address at the
 *   same moment is a duplicate.</li>
 *   <li><b>No acknowledged lease is lost.</b> After the fault has healed, every server asked
 *   must hold, for every address a client still holds, a lease of that address for that
 *   client.</li>
 * </ul>
 */
final class InvariantCheck {

    /** A lease as a server reports it ({@code lease4-get-all}). */
    record ServerLease(String address, String mac, long expireSeconds, int state) {
    }

    /** One client holding one address from {@code fromMillis} to {@code untilMillis}. */
    record Holding(String mac, String address, long fromMillis, long untilMillis, String server) {
    }

    /**
     * Two clients holding one address at once. {@code returning} when the second client had held
     * the address before the first got it: its server acknowledged its own client's lease again,
     * and the address was given away by the first one's server.
     */
    record Duplicate(String address, Holding first, Holding second, boolean returning) {
    }

    /** A client's lease a server does not hold (or holds for someone else). */
    record Lost(String server, Holding holding, String found) {
    }

    /**
     * What the check found.
     *
     * @param acks       DHCPACKs in the ledger
     * @param holdings   client-address holdings they make
     * @param duplicates addresses held by two clients at once
     * @param lost       holdings still current at the check that a server does not hold
     */
    record Report(long acks, int holdings, List<Duplicate> duplicates, List<Lost> lost) {

        boolean clean() {
            return duplicates.isEmpty() && lost.isEmpty();
        }

        /** This report and {@code other} (another relationship's clients and servers) together. */
        Report and(Report other) {
            List<Duplicate> allDuplicates = new ArrayList<>(duplicates);
            allDuplicates.addAll(other.duplicates);
            List<Lost> allLost = new ArrayList<>(lost);
            allLost.addAll(other.lost);
            return new Report(acks + other.acks, holdings + other.holdings, allDuplicates, allLost);
        }

        /** Lost holdings per server. */
        Map<String, Long> lostPerServer() {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Lost l : lost) {
                counts.merge(l.server(), 1L, Long::sum);
            }
            return counts;
        }

        /**
         * The distinct addresses that {@code server} (its address) gave a second client while the
         * first held them; a client that held the address before the first did and got it back
         * does not count against its server.
         */
        long duplicateAddressesGivenBy(String server) {
            return duplicates.stream().filter(d -> !d.returning() && d.second().server().equals(server))
                    .map(Duplicate::address).distinct().count();
        }

        /** The distinct addresses given to two clients. */
        long duplicateAddresses() {
            return duplicates.stream().map(Duplicate::address).distinct().count();
        }

        String summary(int examples) {
            StringBuilder text = new StringBuilder();
            text.append(acks).append(" ACKs, ").append(holdings).append(" holdings, ").append(duplicateAddresses())
                    .append(" addresses given to two clients, lost per server ").append(lostPerServer());
            duplicates.stream().limit(examples).forEach(d -> text.append("\n  duplicate ").append(d));
            lost.stream().limit(examples).forEach(l -> text.append("\n  lost ").append(l));
            return text.toString();
        }
    }

    private InvariantCheck() {
    }

    /** The holdings the answers make, in the order they began. */
    static List<Holding> holdings(List<Ledger.Answer> answers) {
        List<Ledger.Answer> sorted = new ArrayList<>(answers);
        sorted.sort(Comparator.comparingLong(Ledger.Answer::atMillis));
        Map<String, Holding> current = new HashMap<>();
        List<Holding> done = new ArrayList<>();
        for (Ledger.Answer answer : sorted) {
            Holding held = current.get(answer.mac());
            if (!answer.ack()) {
                if (held != null) {
                    done.add(end(held, answer.atMillis()));
                    current.remove(answer.mac());
                }
                continue;
            }
            long until = answer.atMillis() + answer.leaseSeconds() * 1000;
            if (held != null && held.address().equals(answer.address())) {
                current.put(answer.mac(), new Holding(held.mac(), held.address(), held.fromMillis(),
                        Math.max(held.untilMillis(), until), held.server()));
                continue;
            }
            if (held != null) {
                done.add(end(held, answer.atMillis()));
            }
            current.put(answer.mac(), new Holding(answer.mac(), answer.address(), answer.atMillis(), until, answer.server()));
        }
        done.addAll(current.values());
        done.sort(Comparator.comparingLong(Holding::fromMillis));
        return done;
    }

    private static Holding end(Holding held, long atMillis) {
        return new Holding(held.mac(), held.address(), held.fromMillis(), Math.min(held.untilMillis(), atMillis), held.server());
    }

    /** Holdings of one address by two clients that overlap in time. */
    static List<Duplicate> duplicates(List<Holding> holdings) {
        Map<String, List<Holding>> byAddress = new HashMap<>();
        for (Holding holding : holdings) {
            byAddress.computeIfAbsent(holding.address(), a -> new ArrayList<>()).add(holding);
        }
        List<Duplicate> duplicates = new ArrayList<>();
        for (List<Holding> list : byAddress.values()) {
            list.sort(Comparator.comparingLong(Holding::fromMillis));
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Holding a = list.get(i);
                    Holding b = list.get(j);
                    if (b.fromMillis() >= a.untilMillis()) {
                        break;
                    }
                    if (!a.mac().equals(b.mac())) {
                        boolean returning = false;
                        for (int k = 0; k < i && !returning; k++) {
                            returning = list.get(k).mac().equals(b.mac());
                        }
                        duplicates.add(new Duplicate(a.address(), a, b, returning));
                    }
                }
            }
        }
        duplicates.sort(Comparator.comparingLong(d -> d.second().fromMillis()));
        return duplicates;
    }

    /**
     * Checks both promises: the ledger's holdings against each other, and those still current at
     * {@code atMillis} against what each server reports.
     */
    static Report check(Ledger ledger, Map<String, List<ServerLease>> serverLeases, long atMillis) {
        List<Holding> holdings = holdings(ledger.answers());
        List<Lost> lost = new ArrayList<>();
        for (Map.Entry<String, List<ServerLease>> server : serverLeases.entrySet()) {
            Map<String, ServerLease> byAddress = new HashMap<>();
            for (ServerLease lease : server.getValue()) {
                byAddress.put(lease.address(), lease);
            }
            for (Holding holding : holdings) {
                if (holding.untilMillis() <= atMillis) {
                    continue;
                }
                ServerLease lease = byAddress.get(holding.address());
                if (lease == null) {
                    lost.add(new Lost(server.getKey(), holding, "no lease"));
                } else if (lease.state() != 0 || !lease.mac().equalsIgnoreCase(holding.mac())) {
                    lost.add(new Lost(server.getKey(), holding, "a lease for " + lease.mac() + " in state " + lease.state()));
                }
            }
        }
        return new Report(ledger.acks(), holdings.size(), duplicates(holdings), lost);
    }
}
