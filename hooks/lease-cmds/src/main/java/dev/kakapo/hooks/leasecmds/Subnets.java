package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.net.Ipv4Address;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured subnets, by id and by address, as the lease commands check leases against them. */
final class Subnets {

    private final Map<Long, SubnetInfo> byId = new LinkedHashMap<>();

    Subnets(List<SubnetInfo> subnets) {
        subnets.forEach(subnet -> byId.put(subnet.id(), subnet));
    }

    SubnetInfo byId(long id) {
        return byId.get(id);
    }

    /** The first subnet (in configuration order) whose prefix holds {@code address}, or null. */
    SubnetInfo containing(Ipv4Address address) {
        for (SubnetInfo subnet : byId.values()) {
            if (subnet.prefix().contains(address)) {
                return subnet;
            }
        }
        return null;
    }

    /** Every subnet id, in configuration order. */
    List<Long> ids() {
        return List.copyOf(byId.keySet());
    }
}
