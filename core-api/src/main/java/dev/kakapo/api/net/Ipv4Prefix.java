package dev.kakapo.api.net;

/**
 * An IPv4 network such as {@code 192.0.2.0/24}: a subnet's {@code subnet} value or a pool given
 * as a prefix. The address must have no bits set past the prefix length, as Kea requires.
 *
 * @param address the first address of the network
 * @param length  the prefix length, 0 to 32
 */
public record Ipv4Prefix(Ipv4Address address, int length) {

    /** Checks that the prefix is well formed. */
    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " is not between 0 and 32");
        }
        if ((address.bits() & ~mask(length)) != 0) {
            throw new IllegalArgumentException(address + "/" + length + " has bits set past the prefix length");
        }
    }

    /**
     * Parses {@code "a.b.c.d/len"}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix: expected address/length");
        }
        Ipv4Address address = Ipv4Address.parse(text.substring(0, slash).trim());
        String lengthText = text.substring(slash + 1).trim();
        if (lengthText.isEmpty() || lengthText.length() > 2 || !lengthText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + lengthText + "' is not a prefix length");
        }
        return new Ipv4Prefix(address, Integer.parseInt(lengthText));
    }

    /** The netmask of a prefix length: 24 gives 0xFFFFFF00. */
    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** The netmask as an address, such as 255.255.255.0. */
    public Ipv4Address netmask() {
        return Ipv4Address.of(mask(length));
    }

    /** The first address of the network. */
    public Ipv4Address first() {
        return address;
    }

    /** The last address of the network (its broadcast address when length is below 31). */
    public Ipv4Address last() {
        return Ipv4Address.of(address.bits() | ~mask(length));
    }

    /** Whether {@code candidate} lies within this network. */
    public boolean contains(Ipv4Address candidate) {
        return (candidate.bits() & mask(length)) == address.bits();
    }

    /** The number of addresses in the network, 2^(32 - length). */
    public long size() {
        return 1L << (32 - length);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
