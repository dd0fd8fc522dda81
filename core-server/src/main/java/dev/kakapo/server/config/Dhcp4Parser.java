package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.options.OptionDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Reads the {@code Dhcp4} map: every section, then the checks that span sections. */
final class Dhcp4Parser {

    /** Kea's default order of host reservation identifiers for DHCPv4. */
    private static final List<HostIdentifierType> DEFAULT_IDENTIFIERS = List.of(HostIdentifierType.HW_ADDRESS,
            HostIdentifierType.DUID, HostIdentifierType.CIRCUIT_ID, HostIdentifierType.CLIENT_ID);

    private final Diagnostics diagnostics;
    private final HookLibraryResolver hooks;
    private final Predicate<String> interfaceExists;
    private final boolean serving;

    Dhcp4Parser(Diagnostics diagnostics, HookLibraryResolver hooks, Predicate<String> interfaceExists, boolean serving) {
        this.diagnostics = diagnostics;
        this.hooks = hooks;
        this.interfaceExists = interfaceExists;
        this.serving = serving;
    }

    Dhcp4Config parse(JsonNode root) {
        if (!root.isObject()) {
            diagnostics.error("", "a configuration is a JSON map with a Dhcp4 entry, got " + MapReader.describe(root));
            return null;
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("Dhcp4")) {
                diagnostics.error(key, "unknown top-level key '" + key + "': a kea-dhcp4 configuration holds only Dhcp4");
            }
        }
        JsonNode dhcp4 = root.get("Dhcp4");
        if (dhcp4 == null) {
            diagnostics.error("", "the configuration has no Dhcp4 entry");
            return null;
        }
        MapReader g = MapReader.of(diagnostics, "Dhcp4", dhcp4);
        return g == null ? null : parseDhcp4(g, dhcp4);
    }

    private Dhcp4Config parseDhcp4(MapReader g, JsonNode json) {
        OptionCatalog catalog = OptionCatalog.standard();
        OptionDefParser.readAll(g, "option-def", catalog);
        NetworkParameters globalOwn = NetworkParametersReader.read(g, NetworkParametersReader.Level.GLOBAL);
        NetworkParameters global = globalOwn.over(NetworkParameters.KEA_DEFAULTS);
        NetworkParametersReader.checkEffective(diagnostics, "Dhcp4", global, globalOwn);

        InterfacesConfig interfaces = ServiceSectionParser.interfaces(g);
        LeaseDatabaseConfig leaseDatabase = ServiceSectionParser.leaseDatabase(g);
        MultiThreadingConfig multiThreading = ServiceSectionParser.multiThreading(g);
        List<ControlSocketConfig> controlSockets = ServiceSectionParser.controlSockets(g);
        ExpiredLeasesConfig expired = ServiceSectionParser.expiredLeases(g);
        Long declineProbation = g.uint32("decline-probation-period");
        Long parkedPacketLimit = g.uint32("parked-packet-limit");
        String serverTag = g.string("server-tag");
        List<OptionDataConfig> optionData = OptionDataParser.readAll(g, catalog);
        List<HostIdentifierType> identifiers = hostReservationIdentifiers(g);
        List<ReservationConfig> globalReservations = ReservationParser.readAll(g, catalog, null);
        List<ClientClassConfig> classes = ClientClassParser.readAll(g, catalog);

        List<SubnetParser.ParsedSubnet> parsed = new ArrayList<>(
                g.mapList("subnet4", r -> SubnetParser.read(r, catalog, null)));
        List<SharedNetworkDraft> networks = sharedNetworks(g, catalog, parsed);
        List<HookLibraryConfig> libraries = HookLibraryParser.readAll(g, hooks, multiThreading.enabled());
        List<LoggerConfig> loggers = LoggerParser.readAll(g);
        JsonNode userContext = g.userContext();
        skipGlobalsNotActedOn(g);
        g.finish();

        List<Subnet4Config> subnets = finishSubnets(parsed, networks, globalOwn);
        List<SharedNetworkConfig> sharedNetworks = new ArrayList<>();
        for (SharedNetworkDraft draft : networks) {
            List<Long> ids = subnets.stream().filter(s -> draft.name.equals(s.sharedNetwork())).map(Subnet4Config::id).toList();
            sharedNetworks.add(new SharedNetworkConfig(draft.name, draft.own.over(global), ids, draft.optionData, draft.userContext));
        }
        checkInterfaces(interfaces, subnets);
        List<OptionDefinition> definitions = catalog.custom();
        return new Dhcp4Config(interfaces, leaseDatabase, multiThreading, controlSockets, global,
                declineProbation == null ? 86400 : declineProbation, parkedPacketLimit == null ? 256 : parkedPacketLimit,
                serverTag == null ? "" : serverTag, definitions, optionData, subnets, sharedNetworks, classes,
                identifiers, globalReservations, expired, libraries, loggers, userContext, json);
    }

    private static List<HostIdentifierType> hostReservationIdentifiers(MapReader g) {
        if (!g.has("host-reservation-identifiers")) {
            g.skip("host-reservation-identifiers");
            return DEFAULT_IDENTIFIERS;
        }
        List<HostIdentifierType> out = new ArrayList<>();
        g.list("host-reservation-identifiers", (path, value) -> {
            HostIdentifierType type = value.isTextual() ? HostIdentifierType.fromKeaName(value.textValue()).orElse(null) : null;
            if (type == null) {
                g.diagnostics().error(path, MapReader.describe(value) + " is not a host identifier: expected hw-address, duid, circuit-id, client-id or flex-id");
            } else if (out.contains(type)) {
                g.diagnostics().error(path, "host identifier " + type + " is listed twice");
            } else {
                out.add(type);
            }
            return type;
        });
        return out;
    }

    /** A shared network as read, before its subnets are finished. */
    private record SharedNetworkDraft(String name, NetworkParameters own, List<OptionDataConfig> optionData,
                                      JsonNode userContext, String path) {
    }

    private List<SharedNetworkDraft> sharedNetworks(MapReader g, OptionCatalog catalog, List<SubnetParser.ParsedSubnet> subnets) {
        Set<String> names = new HashSet<>();
        return g.mapList("shared-networks", r -> {
            String name = r.requiredString("name");
            NetworkParameters own = NetworkParametersReader.read(r, NetworkParametersReader.Level.SHARED_NETWORK);
            List<OptionDataConfig> options = OptionDataParser.readAll(r, catalog);
            JsonNode userContext = r.userContext();
            List<SubnetParser.ParsedSubnet> members = r.mapList("subnet4", s -> SubnetParser.read(s, catalog, name));
            r.finish();
            if (name == null) {
                return null;
            }
            if (name.isBlank()) {
                r.error("name", "a shared network name cannot be empty");
                return null;
            }
            if (!names.add(name)) {
                r.error("name", "shared network '" + name + "' is defined twice");
                return null;
            }
            for (SubnetParser.ParsedSubnet member : members) {
                String subnetInterface = member.own().interfaceName();
                if (subnetInterface != null && own.interfaceName() != null && !subnetInterface.equals(own.interfaceName())) {
                    diagnostics.error(member.path() + ".interface", "subnet interface '" + subnetInterface
                            + "' differs from its shared network's interface '" + own.interfaceName() + "'");
                }
            }
            subnets.addAll(members);
            return new SharedNetworkDraft(name, own, options, userContext, r.path());
        });
    }

    /** Assigns missing ids, refuses duplicate ids and prefixes, applies inheritance. */
    private List<Subnet4Config> finishSubnets(List<SubnetParser.ParsedSubnet> parsed, List<SharedNetworkDraft> networks,
                                              NetworkParameters globalOwn) {
        List<Subnet4Config> out = new ArrayList<>();
        long maxId = parsed.stream().mapToLong(SubnetParser.ParsedSubnet::id).max().orElse(0);
        List<SubnetParser.ParsedSubnet> accepted = new ArrayList<>();
        for (SubnetParser.ParsedSubnet subnet : parsed) {
            long id = subnet.id();
            if (id == 0) {
                id = ++maxId;
                diagnostics.warn(subnet.path(), "subnet " + subnet.prefix() + " has no id; it gets " + id
                        + ". Give every subnet an id: HA partners and lease files rely on it");
            }
            boolean clash = false;
            for (SubnetParser.ParsedSubnet other : accepted) {
                if (other.id() == id) {
                    diagnostics.error(subnet.path() + ".id", "ID of the new IPv4 subnet '" + id
                            + "' is already in use by " + other.path());
                    clash = true;
                } else if (other.prefix().equals(subnet.prefix())) {
                    diagnostics.error(subnet.path() + ".subnet", "subnet with the prefix of '" + subnet.prefix()
                            + "' already exists at " + other.path());
                    clash = true;
                }
            }
            if (clash) {
                continue;
            }
            accepted.add(subnet.withId(id));
            NetworkParameters network = networks.stream().filter(n -> n.name.equals(subnet.sharedNetwork()))
                    .map(SharedNetworkDraft::own).findFirst().orElse(NetworkParameters.EMPTY);
            NetworkParameters below = subnet.own().over(network);
            NetworkParameters effective = below.over(globalOwn).over(NetworkParameters.KEA_DEFAULTS);
            NetworkParametersReader.checkEffective(diagnostics, subnet.path(), effective, below);
            out.add(new Subnet4Config(id, subnet.prefix(), subnet.pools(), subnet.optionData(), subnet.reservations(),
                    effective, subnet.sharedNetwork(), subnet.userContext(), subnet.path()));
        }
        warnOverlappingPools(out);
        return out;
    }

    /** Kea accepts pools of different subnets that overlap; the same address could then be leased twice. */
    private void warnOverlappingPools(List<Subnet4Config> subnets) {
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = 0; j < i; j++) {
                for (Pool4Config a : subnets.get(i).pools()) {
                    for (Pool4Config b : subnets.get(j).pools()) {
                        if (a.overlaps(b)) {
                            diagnostics.warn(subnets.get(i).path() + ".pools", "pool " + a + " overlaps pool " + b
                                    + " of subnet " + subnets.get(j).id() + "; an address could be leased in both subnets");
                        }
                    }
                }
            }
        }
    }

    /** An interface missing on this host is an error when serving, a warning when only checking the file. */
    private void checkInterfaces(InterfacesConfig interfaces, List<Subnet4Config> subnets) {
        for (int i = 0; i < interfaces.interfaces().size(); i++) {
            InterfacesConfig.Interface entry = interfaces.interfaces().get(i);
            if (!entry.isWildcard() && !interfaceExists.test(entry.name())) {
                report("Dhcp4.interfaces-config.interfaces[" + i + "]", "interface '" + entry.name() + "' does not exist on this host");
            }
        }
        for (Subnet4Config subnet : subnets) {
            String name = subnet.parameters().interfaceName();
            if (name != null && !interfaceExists.test(name)) {
                report(subnet.path() + ".interface", "interface '" + name + "' does not exist on this host");
            }
        }
    }

    private void report(String path, String message) {
        if (serving) {
            diagnostics.error(path, message);
        } else {
            diagnostics.warn(path, message);
        }
    }

    private static void skipGlobalsNotActedOn(MapReader g) {
        g.notActedOn("host reservations are read from the configuration only", "hosts-database", "hosts-databases");
        g.notActedOn("DHCPv4-over-DHCPv6 is not supported", "dhcp4o6-port");
        g.notActedOn("Kakapo queues packets in its own ring, sized by multi-threading.packet-queue-size", "dhcp-queue-control");
        g.notActedOn("Kakapo sends no DNS updates", "dhcp-ddns");
        g.notActedOn("the client identifier is always echoed (RFC 6842)", "echo-client-id");
        g.notActedOn("lease sanity checks are not implemented", "sanity-checks");
        g.notActedOn("configuration backends are not supported", "config-control");
        g.notActedOn("statistics keep no history yet", "statistic-default-sample-count", "statistic-default-sample-age");
        g.notActedOn("reservation lookup order is fixed", "early-global-reservations-lookup", "reservations-lookup-first");
        g.notActedOn("reserved addresses are always unique", "ip-reservations-unique");
        g.notActedOn("Kea's compatibility switches are not implemented", "compatibility");
        g.notActedOn("relay agent options are not stashed", "stash-agent-options");
        g.skip("comment", "metadata");
    }
}
