package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Address;

import java.util.List;

/**
 * An address pool of a subnet: a range {@code first-last} or a prefix, both written in Kea's
 * {@code pool} key.
 *
 * @param first             the first address of the pool
 * @param last              the last address of the pool, not before {@code first}
 * @param poolId            {@code pool-id}, or null when not given
 * @param optionData        options sent to clients allocated from this pool
 * @param clientClasses     classes a client must belong to, to be allocated here
 * @param additionalClasses classes evaluated late for clients of this pool
 * @param userContext       the pool's {@code user-context}, or null
 */
public record Pool4Config(Ipv4Address first, Ipv4Address last, Long poolId, List<OptionDataConfig> optionData,
                          List<String> clientClasses, List<String> additionalClasses, JsonNode userContext) {

    /** Copies the lists. */
    public Pool4Config {
        optionData = List.copyOf(optionData);
        clientClasses = List.copyOf(clientClasses);
        additionalClasses = List.copyOf(additionalClasses);
    }

    /** The number of addresses in the pool. */
    public long size() {
        return last.unsigned() - first.unsigned() + 1;
    }

    /** Whether {@code address} is in the pool. */
    public boolean contains(Ipv4Address address) {
        return address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
    }

    /** Whether this pool shares an address with {@code other}. */
    public boolean overlaps(Pool4Config other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
