package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.api.packet.RelayAgentInformation;
import dev.kakapo.server.classify.ClientClasses;

import java.util.List;

/**
 * Picks the subnet of a query as Kea's {@code CfgSubnets4::selectSubnet} does: the link named by
 * option 82's link selection or option 118 when present; for relayed traffic the subnet whose
 * {@code relay.ip-addresses} (its own or its shared network's) names the relay, else the one
 * holding the relay's address; for direct traffic the one holding the client's address (a
 * renewal, possibly routed from another link), else the sender's address, else the subnets of
 * the interface it came in on, else the one holding that interface's address. A subnet reserved
 * for client classes ({@code client-class}) is passed over unless the query is in one of them.
 */
final class SubnetSelector {

    private SubnetSelector() {
    }

    static ServedSubnet select(ServingConfig config, DhcpPacket query, Inbound inbound, ClientClasses classes) {
        Ipv4Address link = linkSelection(query);
        if (link != null) {
            return config.containing(link, classes);
        }
        if (query.isRelayed()) {
            ServedSubnet byRelay = firstAdmitting(config.byRelay(query.giaddr()), classes);
            return byRelay != null ? byRelay : config.containing(query.giaddr(), classes);
        }
        if (!query.ciaddr().isAny()) {
            return config.containing(query.ciaddr(), classes);
        }
        if (!inbound.sourceAddress().isAny()) {
            return config.containing(inbound.sourceAddress(), classes);
        }
        if (inbound.interfaceName() != null) {
            ServedSubnet byInterface = firstAdmitting(config.byInterface(inbound.interfaceName()), classes);
            if (byInterface != null) {
                return byInterface;
            }
        }
        for (Ipv4Address address : inbound.interfaceAddresses()) {
            ServedSubnet holding = config.containing(address, classes);
            if (holding != null) {
                return holding;
            }
        }
        return null;
    }

    /** RFC 3527 link selection (option 82 sub-option 5), else RFC 3011 subnet selection (option 118). */
    private static Ipv4Address linkSelection(DhcpPacket query) {
        Ipv4Address fromRelay = query.relayAgentInformation().flatMap(RelayAgentInformation::linkSelection).orElse(null);
        if (fromRelay != null) {
            return fromRelay;
        }
        return query.options().getIpv4(OptionCode.SUBNET_SELECTION).orElse(null);
    }

    private static ServedSubnet firstAdmitting(List<ServedSubnet> subnets, ClientClasses classes) {
        for (ServedSubnet subnet : subnets) {
            if (subnet.admits(classes)) {
                return subnet;
            }
        }
        return null;
    }
}
