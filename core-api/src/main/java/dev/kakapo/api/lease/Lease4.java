package dev.kakapo.api.lease;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;

import java.util.Arrays;
import java.util.Objects;

/**
 * A DHCPv4 lease, with the fields Kea reports for it. Immutable; {@link #withState},
 * {@link #renewed} and friends return changed copies.
 *
 * @param address       the leased address
 * @param hwAddress     the client's hardware address, or null (a declined lease has none)
 * @param clientId      the client identifier (option 61, type byte included), or null
 * @param validLifetime seconds the lease is valid from {@code cltt}
 * @param cltt          client last transaction time, seconds since the epoch
 * @param subnetId      the id of the subnet the address belongs to
 * @param fqdnForward   whether a forward DNS update was done for the lease
 * @param fqdnReverse   whether a reverse DNS update was done for the lease
 * @param hostname      the client's host name, empty when none
 * @param state         the lease's state
 * @param userContext   the lease's user context as JSON text, or null
 * @param poolId        the id of the pool the address came from, 0 when unknown
 */
public record Lease4(Ipv4Address address, HardwareAddress hwAddress, byte[] clientId, long validLifetime, long cltt,
                     long subnetId, boolean fqdnForward, boolean fqdnReverse, String hostname, LeaseState state,
                     String userContext, long poolId) {

    /** Checks the fields and copies the client identifier. */
    public Lease4 {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        hostname = hostname == null ? "" : hostname;
        clientId = clientId == null ? null : clientId.clone();
        if (validLifetime < 0 || validLifetime > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("valid lifetime " + validLifetime + " is not an unsigned 32-bit value");
        }
        if (subnetId < 0 || subnetId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("subnet id " + subnetId + " is not an unsigned 32-bit value");
        }
    }

    /** A new lease in the default state, with no DNS flags, user context or pool id. */
    public static Lease4 assigned(Ipv4Address address, HardwareAddress hwAddress, byte[] clientId, long validLifetime,
                                  long cltt, long subnetId, String hostname) {
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnetId, false, false, hostname,
                LeaseState.DEFAULT, null, 0);
    }

    /** A copy of the client identifier, or null. */
    @Override
    public byte[] clientId() {
        return clientId == null ? null : clientId.clone();
    }

    /** When the lease expires: {@code cltt + validLifetime}, seconds since the epoch. */
    public long expire() {
        return cltt + validLifetime;
    }

    /** Whether the lease has expired at {@code now} (seconds since the epoch). */
    public boolean isExpired(long now) {
        return expire() <= now;
    }

    /** Whether the client identifier equals {@code other} (both may be null). */
    public boolean hasClientId(byte[] other) {
        return Arrays.equals(clientId, other);
    }

    /**
     * Whether {@code other} is a lease of the same client: the same client identifier when both
     * leases have one, else the same hardware address (none on this lease is nobody's).
     */
    public boolean sameClientAs(Lease4 other) {
        if (clientId != null && clientId.length > 0 && other.clientId != null && other.clientId.length > 0) {
            return Arrays.equals(clientId, other.clientId);
        }
        return hwAddress != null && hwAddress.equals(other.hwAddress);
    }

    /**
     * Whether this lease keeps its address from {@code incoming} at {@code now}: it is assigned,
     * unexpired and another client's, so writing {@code incoming} (assigned) over it would give
     * one address to two clients.
     */
    public boolean heldAgainst(Lease4 incoming, long now) {
        return state == LeaseState.DEFAULT && !isExpired(now) && incoming.state == LeaseState.DEFAULT && !sameClientAs(incoming);
    }

    /** A copy in another state. */
    public Lease4 withState(LeaseState newState) {
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnetId, fqdnForward, fqdnReverse,
                hostname, newState, userContext, poolId);
    }

    /** A copy renewed at {@code now} for {@code lifetime} seconds, in the default state. */
    public Lease4 renewed(long now, long lifetime) {
        return new Lease4(address, hwAddress, clientId, lifetime, now, subnetId, fqdnForward, fqdnReverse,
                hostname, LeaseState.DEFAULT, userContext, poolId);
    }

    /** A copy with another host name. */
    public Lease4 withHostname(String newHostname) {
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnetId, fqdnForward, fqdnReverse,
                newHostname, state, userContext, poolId);
    }

    /** A copy with another pool id. */
    public Lease4 withPoolId(long newPoolId) {
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnetId, fqdnForward, fqdnReverse,
                hostname, state, userContext, newPoolId);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Lease4)) {
            return false;
        }
        Lease4 that = (Lease4) other;
        return address.equals(that.address) && Objects.equals(hwAddress, that.hwAddress)
                && Arrays.equals(clientId, that.clientId) && validLifetime == that.validLifetime && cltt == that.cltt
                && subnetId == that.subnetId && fqdnForward == that.fqdnForward && fqdnReverse == that.fqdnReverse
                && hostname.equals(that.hostname) && state == that.state
                && Objects.equals(userContext, that.userContext) && poolId == that.poolId;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * address.hashCode() + Long.hashCode(cltt)) + Arrays.hashCode(clientId);
    }

    @Override
    public String toString() {
        return "Lease4[" + address + " hw=" + hwAddress + " cid=" + (clientId == null ? "-" : HexBytes.toColonHex(clientId))
                + " valid=" + validLifetime + " cltt=" + cltt + " subnet=" + subnetId + " state=" + state
                + (hostname.isEmpty() ? "" : " host=" + hostname) + "]";
    }
}
