package dev.kakapo.api.hooks;

import java.util.List;
import java.util.Optional;

/** The context of {@link HookPoint#SUBNET4_SELECT}: the subnet the server picked for the query. */
public interface SubnetSelectContext extends ClientPacketContext {

    /** The subnet selected so far, empty when none fits the query. */
    Optional<SubnetInfo> subnet();

    /**
     * Selects another configured subnet for the query.
     *
     * @throws IllegalArgumentException when no configured subnet has this id
     */
    void selectSubnet(long subnetId);

    /** Every configured subnet, in configuration order. */
    List<SubnetInfo> subnets();
}
