package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.classify.Expression;

import java.util.List;

/**
 * A client class of {@code client-classes}.
 *
 * @param name             the class name
 * @param test             the {@code test} expression in Kea's expression language, empty when none
 * @param expression       {@code test} compiled, or null when the class has none
 * @param additional       evaluated late, on demand ({@code only-if-required} in Kea 2, {@code only-in-additional-list} in Kea 3)
 * @param optionData       options for clients of the class
 * @param nextServer       {@code next-server}, or null
 * @param serverHostname   {@code server-hostname}, or null
 * @param bootFileName     {@code boot-file-name}, or null
 * @param validLifetime    {@code valid-lifetime}, or null
 * @param minValidLifetime {@code min-valid-lifetime}, or null
 * @param maxValidLifetime {@code max-valid-lifetime}, or null
 * @param userContext      its {@code user-context}, or null
 */
public record ClientClassConfig(String name, String test, Expression expression, boolean additional, List<OptionDataConfig> optionData,
                                Ipv4Address nextServer, String serverHostname, String bootFileName,
                                Long validLifetime, Long minValidLifetime, Long maxValidLifetime,
                                JsonNode userContext) {

    /** Copies the list. */
    public ClientClassConfig {
        optionData = List.copyOf(optionData);
    }
}
