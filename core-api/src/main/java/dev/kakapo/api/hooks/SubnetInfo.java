package dev.kakapo.api.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Prefix;

/**
 * A configured subnet as callouts see it.
 *
 * @param id            the subnet's {@code id}
 * @param prefix        the subnet's prefix
 * @param sharedNetwork the name of its shared network, or null when it is in none
 * @param userContext   the subnet's {@code user-context} merged over its shared network's, or null
 * @param validLifetime the subnet's {@code valid-lifetime} in seconds, inherited as Kea inherits it
 */
public record SubnetInfo(long id, Ipv4Prefix prefix, String sharedNetwork, JsonNode userContext, long validLifetime) {
}
