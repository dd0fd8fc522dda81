package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.api.packet.RelayAgentInformation;

import java.util.List;

/**
 * Picks the subnet of a query as Kea's {@code CfgSubnets4::selectSubnet} does: the link named by
 * option 82's link selection or option 118 when present; for relayed traffic the subnet whose
 * {@code relay.ip-addresses} (its own or its shared network's) names the relay, else the one
 * holding the relay's address; for direct traffic the one holding the client's address (a
 * renewal, possibly routed from another link), else the sender's address, else the subnets of
 * the interface it came in on, else the one holding that interface's address. Subnets reserved
 * for client classes are skipped until classification exists.
 */
final class SubnetSelector {

    private SubnetSelector() {
    }

    static ServedSubnet select(ServingConfig config, DhcpPacket query, Inbound inbound) {
        Ipv4Address link = linkSelection(query);
        if (link != null) {
            return open(config.containing(link));
        }
        if (query.isRelayed()) {
            ServedSubnet byRelay = firstOpen(config.byRelay(query.giaddr()));
            return byRelay != null ? byRelay : open(config.containing(query.giaddr()));
        }
        if (!query.ciaddr().isAny()) {
            return open(config.containing(query.ciaddr()));
        }
        if (!inbound.sourceAddress().isAny()) {
            return open(config.containing(inbound.sourceAddress()));
        }
        if (inbound.interfaceName() != null) {
            ServedSubnet byInterface = firstOpen(config.byInterface(inbound.interfaceName()));
            if (byInterface != null) {
                return byInterface;
            }
        }
        for (Ipv4Address address : inbound.interfaceAddresses()) {
            ServedSubnet holding = open(config.containing(address));
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

    private static ServedSubnet firstOpen(List<ServedSubnet> subnets) {
        for (ServedSubnet subnet : subnets) {
            if (!subnet.guardedByClass()) {
                return subnet;
            }
        }
        return null;
    }

    private static ServedSubnet open(ServedSubnet subnet) {
        return subnet == null || subnet.guardedByClass() ? null : subnet;
    }
}
