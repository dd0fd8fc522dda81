package dev.kakapo.server.config;

import dev.kakapo.api.net.Ipv4Address;

import java.util.List;

/**
 * The parameters Kea lets a subnet inherit from its shared network and from the global level.
 * A null component is "not set at this level"; {@link #over} fills the gaps from the level
 * above, and {@link #KEA_DEFAULTS} holds the values Kea uses when no level sets them.
 *
 * @param validLifetime          {@code valid-lifetime}, seconds
 * @param minValidLifetime       {@code min-valid-lifetime}, seconds
 * @param maxValidLifetime       {@code max-valid-lifetime}, seconds
 * @param renewTimer             {@code renew-timer} (T1), seconds
 * @param rebindTimer            {@code rebind-timer} (T2), seconds
 * @param calculateTeeTimes      {@code calculate-tee-times}
 * @param t1Percent              {@code t1-percent}
 * @param t2Percent              {@code t2-percent}
 * @param cacheThreshold         {@code cache-threshold}
 * @param cacheMaxAge            {@code cache-max-age}, seconds
 * @param matchClientId          {@code match-client-id}
 * @param authoritative          {@code authoritative}
 * @param nextServer             {@code next-server}
 * @param serverHostname         {@code server-hostname}
 * @param bootFileName           {@code boot-file-name}
 * @param reservationsGlobal     {@code reservations-global}
 * @param reservationsInSubnet   {@code reservations-in-subnet}
 * @param reservationsOutOfPool  {@code reservations-out-of-pool}
 * @param relayAddresses         {@code relay.ip-addresses}
 * @param interfaceName          {@code interface}
 * @param clientClasses          {@code client-class} (Kea 2) or {@code client-classes} (Kea 3)
 * @param additionalClasses      {@code require-client-classes} (Kea 2) or {@code evaluate-additional-classes} (Kea 3)
 * @param allocator              {@code allocator}: iterative, random or flq
 * @param storeExtendedInfo      {@code store-extended-info}
 */
public record NetworkParameters(
        Long validLifetime, Long minValidLifetime, Long maxValidLifetime,
        Long renewTimer, Long rebindTimer,
        Boolean calculateTeeTimes, Double t1Percent, Double t2Percent,
        Double cacheThreshold, Long cacheMaxAge,
        Boolean matchClientId, Boolean authoritative,
        Ipv4Address nextServer, String serverHostname, String bootFileName,
        Boolean reservationsGlobal, Boolean reservationsInSubnet, Boolean reservationsOutOfPool,
        List<Ipv4Address> relayAddresses, String interfaceName,
        List<String> clientClasses, List<String> additionalClasses,
        String allocator, Boolean storeExtendedInfo) {

    /** Nothing set. */
    public static final NetworkParameters EMPTY = new NetworkParameters(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** What Kea uses when no level sets a parameter (Kea 2.4 and later; see docs/configuration.md). */
    public static final NetworkParameters KEA_DEFAULTS = new NetworkParameters(7200L, null, null, null, null,
            false, 0.5, 0.875, 0.25, null, true, false, Ipv4Address.ANY, "", "",
            false, true, false, List.of(), null, List.of(), List.of(), "iterative", false);

    /** Returns these parameters with every unset one taken from {@code parent}. */
    public NetworkParameters over(NetworkParameters parent) {
        return new NetworkParameters(
                or(validLifetime, parent.validLifetime), or(minValidLifetime, parent.minValidLifetime),
                or(maxValidLifetime, parent.maxValidLifetime), or(renewTimer, parent.renewTimer),
                or(rebindTimer, parent.rebindTimer), or(calculateTeeTimes, parent.calculateTeeTimes),
                or(t1Percent, parent.t1Percent), or(t2Percent, parent.t2Percent),
                or(cacheThreshold, parent.cacheThreshold), or(cacheMaxAge, parent.cacheMaxAge),
                or(matchClientId, parent.matchClientId), or(authoritative, parent.authoritative),
                or(nextServer, parent.nextServer), or(serverHostname, parent.serverHostname),
                or(bootFileName, parent.bootFileName), or(reservationsGlobal, parent.reservationsGlobal),
                or(reservationsInSubnet, parent.reservationsInSubnet),
                or(reservationsOutOfPool, parent.reservationsOutOfPool),
                or(relayAddresses, parent.relayAddresses), or(interfaceName, parent.interfaceName),
                or(clientClasses, parent.clientClasses), or(additionalClasses, parent.additionalClasses),
                or(allocator, parent.allocator), or(storeExtendedInfo, parent.storeExtendedInfo));
    }

    /** These parameters with the lifetimes that are given (not null) replaced: what a client class's lifetimes do. */
    public NetworkParameters withLifetimes(Long valid, Long minValid, Long maxValid) {
        return new NetworkParameters(valid != null ? valid : validLifetime, minValid != null ? minValid : minValidLifetime,
                maxValid != null ? maxValid : maxValidLifetime, renewTimer, rebindTimer, calculateTeeTimes, t1Percent,
                t2Percent, cacheThreshold, cacheMaxAge, matchClientId, authoritative, nextServer, serverHostname,
                bootFileName, reservationsGlobal, reservationsInSubnet, reservationsOutOfPool, relayAddresses,
                interfaceName, clientClasses, additionalClasses, allocator, storeExtendedInfo);
    }

    /** The smallest lifetime a client may ask for: {@code min-valid-lifetime}, else {@code valid-lifetime}. */
    public long effectiveMinValidLifetime() {
        return minValidLifetime != null ? minValidLifetime : validLifetime;
    }

    /** The largest lifetime a client may ask for: {@code max-valid-lifetime}, else {@code valid-lifetime}. */
    public long effectiveMaxValidLifetime() {
        return maxValidLifetime != null ? maxValidLifetime : validLifetime;
    }

    private static <T> T or(T own, T inherited) {
        return own != null ? own : inherited;
    }
}
