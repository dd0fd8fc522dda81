package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Prefix;

import java.util.List;

/**
 * A subnet of {@code subnet4}, at the top level or inside a shared network.
 *
 * @param id            the subnet id; HA partners and lease files key on it
 * @param prefix        {@code subnet}
 * @param pools         address pools, none overlapping
 * @param optionData    options of the subnet itself (not inherited ones)
 * @param reservations  host reservations in the subnet
 * @param parameters    the effective parameters: the subnet's own over its shared network's over the global ones, over Kea's defaults
 * @param sharedNetwork the name of its shared network, or null
 * @param userContext   the subnet's {@code user-context}, or null (HA reads {@code ha-server-name} here)
 * @param path          the subnet's JSON path, for messages about it
 */
public record Subnet4Config(long id, Ipv4Prefix prefix, List<Pool4Config> pools, List<OptionDataConfig> optionData,
                            List<ReservationConfig> reservations, NetworkParameters parameters, String sharedNetwork,
                            JsonNode userContext, String path) {

    /** Copies the lists. */
    public Subnet4Config {
        pools = List.copyOf(pools);
        optionData = List.copyOf(optionData);
        reservations = List.copyOf(reservations);
    }

    /** The number of addresses in all pools. */
    public long poolCapacity() {
        return pools.stream().mapToLong(Pool4Config::size).sum();
    }
}
