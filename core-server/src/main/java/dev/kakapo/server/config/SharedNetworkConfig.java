package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A shared network: subnets on one link that allocation treats as one pool of addresses.
 *
 * @param name        the network's name
 * @param parameters  its effective parameters (its own over the global ones)
 * @param subnetIds   ids of its subnets, in configuration order
 * @param optionData  options of the network itself
 * @param userContext its {@code user-context}, or null
 */
public record SharedNetworkConfig(String name, NetworkParameters parameters, List<Long> subnetIds,
                                  List<OptionDataConfig> optionData, JsonNode userContext) {

    /** Copies the lists. */
    public SharedNetworkConfig {
        subnetIds = List.copyOf(subnetIds);
        optionData = List.copyOf(optionData);
    }
}
