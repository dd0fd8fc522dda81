package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.hooks.SubnetSelectContext;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.List;
import java.util.Optional;

/** The context of {@code subnet4_select}. */
public final class SubnetSelection extends QueryView implements SubnetSelectContext {

    private final List<SubnetInfo> subnets;
    private SubnetInfo selected;

    /** The selection of {@code selected} (null for none) among {@code subnets} for the query. */
    public SubnetSelection(DhcpPacket query, Ipv4Address source, String interfaceName, List<SubnetInfo> subnets,
                           SubnetInfo selected) {
        super(query, source, interfaceName);
        this.subnets = subnets;
        this.selected = selected;
    }

    @Override
    public Optional<SubnetInfo> subnet() {
        return Optional.ofNullable(selected);
    }

    @Override
    public void selectSubnet(long subnetId) {
        for (SubnetInfo subnet : subnets) {
            if (subnet.id() == subnetId) {
                selected = subnet;
                return;
            }
        }
        throw new IllegalArgumentException("no configured subnet has id " + subnetId);
    }

    @Override
    public List<SubnetInfo> subnets() {
        return subnets;
    }
}
