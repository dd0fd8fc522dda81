package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.api.packet.RelayAgentInformation;

import java.util.List;

/**
 * Picks the subnet of a query as Kea does: for relayed traffic the subnet whose
 * {@code relay.ip-addresses} names the relay, else the one holding the relay's address (or the
 * link named by option 82's link selection or option 118); for direct traffic the subnets of the
 * interface it came in on, else the one holding the interface's address, the client's address
 * or the sender's address. Subnets reserved for client classes are skipped until classification
 * exists.
 */
final class SubnetSelector {

    private SubnetSelector() {
    }

    static ServedSubnet select(ServingConfig config, DhcpPacket query, Inbound inbound) {
        Ipv4Address link = linkSelection(query);
        if (query.isRelayed()) {
            if (link == null) {
                ServedSubnet byRelay = firstOpen(config.byRelay(query.giaddr()));
                if (byRelay != null) {
                    return byRelay;
                }
            }
            return open(config.containing(link != null ? link : query.giaddr()));
        }
        if (link != null) {
            return open(config.containing(link));
        }
        if (inbound.interfaceName() != null) {
            ServedSubnet byInterface = firstOpen(config.byInterface(inbound.interfaceName()));
            if (byInterface != null) {
                return byInterface;
            }
            for (Ipv4Address address : inbound.interfaceAddresses()) {
                ServedSubnet holding = open(config.containing(address));
                if (holding != null) {
                    return holding;
                }
            }
        }
        if (!query.ciaddr().isAny()) {
            return open(config.containing(query.ciaddr()));
        }
        return inbound.sourceAddress().isAny() ? null : open(config.containing(inbound.sourceAddress()));
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
