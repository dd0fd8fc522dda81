package dev.kakapo.hooks.ha;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kakapo's rules for a server that answers clients without its partner's acknowledgement while
 * the partner may be answering too: a partner declared down by failure detection may only be
 * cut off (the link, not the server, failed), and then both serve alone (Kea's split brain: both
 * go partner-down and give the same free addresses to different clients). While such an episode
 * lasts:
 *
 * <ul>
 *   <li><b>New owners only in this server's half.</b> A free address goes to a new client only
 *   if it is in this server's share of each pool (the primary the even addresses, the other
 *   server the odd ones), so the two never pick the same one.</li>
 *   <li><b>Nothing that was in use when the partner was last in sync.</b> An address whose lease
 *   had not run out when the two last held the same leases (less a minute for the clocks) goes
 *   to no new owner, nor one released or reclaimed since: the partner may be extending that
 *   client's lease on its side.</li>
 *   <li><b>No new lease the partner never took.</b> An address given to a new client whose
 *   update the partner has not acknowledged (still on its way, or failed: the client got no
 *   DHCPACK) is not answered during an episode if it is outside this server's half, and is
 *   released once its update failed: the partner sees that address as free in its half.
 *   Renewals need no such care: the partner holds the client's lease and gives its address to
 *   nobody else.</li>
 * </ul>
 *
 * Clients holding leases the two servers share keep renewing them; only new clients are confined
 * to half of the free addresses, and only until the partner is back and the two have synchronised
 * (or an operator confirms, with {@code ha-maintenance-start}, that the partner is down).
 *
 * <p>In load-balancing the pool is split the same way while both serve ({@link #split}): two
 * servers walking one pool at the same pace otherwise pick the same free address for two
 * clients at the same moment, over and over (Kea overwrites one with the other; Kakapo's partner
 * refuses the second, and refusals in a row terminated the relationship). ISC DHCP's failover
 * balances its free leases between the peers for the same reason.
 */
final class CautiousAllocation {

    /** The clocks of two partners may differ by up to this before HA terminates (Kea's 60 s). */
    static final long CLOCK_MARGIN_SECONDS = 60;

    /** One episode of serving alone. */
    private record Episode(long inSyncSeconds, Set<Long> quarantine) {
    }

    private final long ownParity;
    private volatile boolean split;
    /** New clients' addresses whose update the partner has not acknowledged: true once the update failed. */
    private final java.util.Map<Long, Boolean> unconfirmed = new ConcurrentHashMap<>();
    private volatile Episode episode;
    private volatile long inSyncSeconds = Long.MIN_VALUE;

    /** Rules for a server that takes the even addresses when {@code even}, else the odd ones. */
    CautiousAllocation(boolean even) {
        this.ownParity = even ? 0 : 1;
    }

    /** Both servers held the same leases at {@code epochSeconds} (a heartbeat in normal states, or a sync). */
    void inSyncAt(long epochSeconds) {
        inSyncSeconds = epochSeconds;
    }

    /** Whether new clients get addresses from this server's half only, outside episodes too (load-balancing). */
    void split(boolean on) {
        split = on;
    }

    /** Whether an episode is on. */
    boolean active() {
        return episode != null;
    }

    /** Starts an episode (true), or keeps the one on (false). */
    synchronized boolean begin() {
        if (episode != null) {
            return false;
        }
        long since = inSyncSeconds == Long.MIN_VALUE ? Long.MIN_VALUE : inSyncSeconds - CLOCK_MARGIN_SECONDS;
        episode = new Episode(since, ConcurrentHashMap.newKeySet());
        return true;
    }

    /** Ends the episode: the partner has every lease again, or is known to be down. */
    synchronized void end() {
        episode = null;
        unconfirmed.clear();
    }

    /** Whether {@code address} is in this server's half. */
    boolean ownShare(Ipv4Address address) {
        return (address.unsigned() & 1) == ownParity;
    }

    /** The allocator's question: may {@code address} (with {@code previous} in the store) go to a new owner? */
    boolean admitsNewOwner(Ipv4Address address, Lease4 previous) {
        Episode current = episode;
        if (current == null) {
            return !split || ownShare(address);
        }
        if (!ownShare(address)) {
            return false;
        }
        if (previous != null && previous.expire() > current.inSyncSeconds()) {
            return false;
        }
        return !current.quarantine().contains(address.unsigned());
    }

    /** A lease was deleted (released, or by a command): during an episode its address stays out of use. */
    void released(Ipv4Address address) {
        Episode current = episode;
        if (current != null) {
            current.quarantine().add(address.unsigned());
        }
    }

    /** A lease was reclaimed: during an episode its address stays out of use if it was in use when the two were in sync. */
    void reclaimed(Lease4 lease) {
        Episode current = episode;
        if (current != null && lease.expire() > current.inSyncSeconds()) {
            current.quarantine().add(lease.address().unsigned());
        }
    }

    /** Updates for these new clients' leases are on their way to the partner. */
    void sent(List<Lease4> newLeases) {
        for (Lease4 lease : newLeases) {
            unconfirmed.put(lease.address().unsigned(), Boolean.FALSE);
        }
    }

    /** The partner has these leases. */
    void acknowledged(List<Lease4> written) {
        if (!unconfirmed.isEmpty()) {
            for (Lease4 lease : written) {
                unconfirmed.remove(lease.address().unsigned());
            }
        }
    }

    /** The partner did not take these leases (the client got no answer). */
    void unacknowledged(List<Lease4> written) {
        for (Lease4 lease : written) {
            unconfirmed.replace(lease.address().unsigned(), Boolean.TRUE);
        }
    }

    /** The addresses of new clients' leases the partner refused or never got, outside this server's half. */
    List<Ipv4Address> unconfirmedOutsideShare() {
        List<Ipv4Address> outside = new ArrayList<>();
        for (java.util.Map.Entry<Long, Boolean> entry : unconfirmed.entrySet()) {
            Ipv4Address ip = Ipv4Address.of((int) (long) entry.getKey());
            if (entry.getValue() && !ownShare(ip)) {
                outside.add(ip);
            }
        }
        return outside;
    }

    /** The lease of {@code address} was released, as {@link #unconfirmedOutsideShare} asked: nothing to remember. */
    void forget(Ipv4Address address) {
        unconfirmed.remove(address.unsigned());
    }

    /** Whether an answer with {@code lease} may go out now: not one the partner never took, outside our half, during an episode. */
    boolean mayAnswer(Lease4 lease) {
        return episode == null || ownShare(lease.address()) || !unconfirmed.containsKey(lease.address().unsigned());
    }
}
