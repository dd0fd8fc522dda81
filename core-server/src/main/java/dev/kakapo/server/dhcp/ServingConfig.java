package dev.kakapo.server.dhcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.classify.Classifier;
import dev.kakapo.server.classify.ClientClasses;
import dev.kakapo.server.config.ClientClassConfig;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.NetworkParameters;
import dev.kakapo.server.config.ReservationConfig;
import dev.kakapo.server.config.SharedNetworkConfig;
import dev.kakapo.server.config.Subnet4Config;
import dev.kakapo.server.stats.Statistics;
import dev.kakapo.server.stats.SubnetStatistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration made ready to serve: subnets with their pools, options and statistics, and the
 * look-up tables subnet selection needs. Immutable once built; a new configuration builds a new one.
 */
final class ServingConfig {

    private final Dhcp4Config config;
    private final List<ServedSubnet> subnets = new ArrayList<>();
    private final Map<Long, ServedSubnet> byId = new HashMap<>();
    private final Map<Ipv4Address, List<ServedSubnet>> byRelay = new HashMap<>();
    private final Map<String, List<ServedSubnet>> byInterface = new HashMap<>();
    private final OptionScope globalOptions;
    private final Map<String, OptionScope> networkOptions = new HashMap<>();
    private final List<SubnetInfo> subnetInfos = new ArrayList<>();
    private final Map<Long, SubnetInfo> infoById = new HashMap<>();
    private final Map<String, SharedNetworkConfig> networksByName = new HashMap<>();
    private final Classifier classifier;
    private final Map<String, OptionScope> classOptions = new HashMap<>();
    private final HostIndex globalHosts;
    private final Map<ReservationConfig, OptionScope> hostOptions = new IdentityHashMap<>();
    private final boolean anyReservations;

    ServingConfig(Dhcp4Config config, Statistics statistics) {
        this.config = config;
        this.globalOptions = new OptionScope(config.optionData());
        this.classifier = new Classifier(config.clientClasses());
        for (ClientClassConfig c : config.clientClasses()) {
            classOptions.put(c.name(), new OptionScope(c.optionData()));
        }
        this.globalHosts = new HostIndex(config.globalReservations());
        for (ReservationConfig r : config.globalReservations()) {
            hostOptions.put(r, new OptionScope(r.optionData()));
        }
        for (Subnet4Config subnet : config.subnets()) {
            for (ReservationConfig r : subnet.reservations()) {
                hostOptions.put(r, new OptionScope(r.optionData()));
            }
        }
        this.anyReservations = !hostOptions.isEmpty();
        for (SharedNetworkConfig network : config.sharedNetworks()) {
            networkOptions.put(network.name(), new OptionScope(network.optionData()));
            networksByName.put(network.name(), network);
        }
        Map<String, List<ServedSubnet>> networks = new LinkedHashMap<>();
        for (Subnet4Config subnet : config.subnets()) {
            SubnetStatistics subnetStatistics = new SubnetStatistics(statistics, subnet.id(), subnet.pools().size());
            ServedSubnet served = new ServedSubnet(subnet, new OptionScope(subnet.optionData()), subnetStatistics,
                    config.globalReservations());
            subnetStatistics.total.set(served.capacity());
            for (int i = 0; i < subnet.pools().size(); i++) {
                subnetStatistics.poolTotal(i).set(subnet.pools().get(i).size());
            }
            subnets.add(served);
            byId.put(subnet.id(), served);
            for (Ipv4Address relay : subnet.parameters().relayAddresses()) {
                byRelay.computeIfAbsent(relay, k -> new ArrayList<>()).add(served);
            }
            if (subnet.parameters().interfaceName() != null) {
                byInterface.computeIfAbsent(subnet.parameters().interfaceName(), k -> new ArrayList<>()).add(served);
            }
            if (subnet.sharedNetwork() != null) {
                networks.computeIfAbsent(subnet.sharedNetwork(), k -> new ArrayList<>()).add(served);
            }
        }
        for (List<ServedSubnet> members : networks.values()) {
            for (ServedSubnet member : members) {
                member.joinNetwork(members);
            }
        }
        Map<String, JsonNode> networkContexts = new HashMap<>();
        for (SharedNetworkConfig network : config.sharedNetworks()) {
            networkContexts.put(network.name(), network.userContext());
        }
        for (Subnet4Config subnet : config.subnets()) {
            SubnetInfo info = new SubnetInfo(subnet.id(), subnet.prefix(), subnet.sharedNetwork(),
                    merged(networkContexts.get(subnet.sharedNetwork()), subnet.userContext()),
                    subnet.parameters().validLifetime());
            subnetInfos.add(info);
            infoById.put(subnet.id(), info);
        }
    }

    /** The subnet's user context over its network's: what a hook reading {@code ha-server-name} expects. */
    private static JsonNode merged(JsonNode network, JsonNode subnet) {
        if (network == null || !network.isObject()) {
            return subnet;
        }
        if (subnet == null || !subnet.isObject()) {
            return network;
        }
        ObjectNode both = ((ObjectNode) network).deepCopy();
        both.setAll(((ObjectNode) subnet).deepCopy());
        return both;
    }

    /** Every subnet as hook callouts see it, in configuration order. */
    List<SubnetInfo> subnetInfos() {
        return subnetInfos;
    }

    /** The subnet with this id as hook callouts see it, or null. */
    SubnetInfo subnetInfo(long id) {
        return infoById.get(id);
    }

    Dhcp4Config config() {
        return config;
    }

    List<ServedSubnet> subnets() {
        return subnets;
    }

    ServedSubnet subnet(long id) {
        return byId.get(id);
    }

    List<ServedSubnet> byRelay(Ipv4Address relay) {
        return byRelay.getOrDefault(relay, List.of());
    }

    List<ServedSubnet> byInterface(String name) {
        return byInterface.getOrDefault(name, List.of());
    }

    /** The first subnet whose prefix holds {@code address} and that admits a client of {@code classes}, or null. */
    ServedSubnet containing(Ipv4Address address, ClientClasses classes) {
        for (ServedSubnet subnet : subnets) {
            if (subnet.prefix().contains(address) && subnet.admits(classes)) {
                return subnet;
            }
        }
        return null;
    }

    /** Client classification for this configuration. */
    Classifier classifier() {
        return classifier;
    }

    /** Whether the configuration has any host reservation (most large ones have none: no look-up then). */
    boolean anyReservations() {
        return anyReservations;
    }

    /** The global reservations by identifier. */
    HostIndex globalHosts() {
        return globalHosts;
    }

    /** The options of a host reservation. */
    OptionScope hostOptions(ReservationConfig host) {
        return host == null ? OptionScope.EMPTY : hostOptions.getOrDefault(host, OptionScope.EMPTY);
    }

    /** The options of a client class, or an empty scope for a class without a definition. */
    OptionScope classOptions(String name) {
        return classOptions.getOrDefault(name, OptionScope.EMPTY);
    }

    /**
     * The parameters a client gets in {@code subnet}: the subnet's, with the lifetimes of the first
     * of the client's classes that sets {@code valid-lifetime} (class lifetimes override every
     * network level; a bound the class leaves out is its valid lifetime, as in Kea's triplets).
     */
    NetworkParameters parametersFor(ServedSubnet subnet, ClientKey client) {
        NetworkParameters own = subnet.parameters();
        ClientClasses classes = client.classes();
        if (classes == null || classifier.isEmpty()) {
            return own;
        }
        for (String name : classes.names()) {
            ClientClassConfig c = classifier.definition(name);
            if (c != null && c.validLifetime() != null) {
                Long valid = c.validLifetime();
                return own.withLifetimes(valid, c.minValidLifetime() != null ? c.minValidLifetime() : valid,
                        c.maxValidLifetime() != null ? c.maxValidLifetime() : valid);
            }
        }
        return own;
    }

    /**
     * The additional classes to evaluate for a client of {@code subnet} given an address in pool
     * {@code pool} (-1 for none): the pool's, then the subnet's, then its shared network's.
     */
    List<String> additionalClasses(ServedSubnet subnet, int pool) {
        List<String> out = new ArrayList<>();
        if (pool >= 0) {
            out.addAll(subnet.config().pools().get(pool).additionalClasses());
        }
        List<String> own = subnet.parameters().additionalClasses();
        if (own != null) {
            out.addAll(own);
        }
        SharedNetworkConfig network = subnet.config().sharedNetwork() == null ? null
                : networksByName.get(subnet.config().sharedNetwork());
        if (network != null && network.parameters().additionalClasses() != null) {
            for (String name : network.parameters().additionalClasses()) {
                if (!out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    OptionScope globalOptions() {
        return globalOptions;
    }

    /** The options of the shared network of {@code subnet}, or an empty scope. */
    OptionScope networkOptions(ServedSubnet subnet) {
        String name = subnet.config().sharedNetwork();
        return name == null ? OptionScope.EMPTY : networkOptions.getOrDefault(name, OptionScope.EMPTY);
    }
}
