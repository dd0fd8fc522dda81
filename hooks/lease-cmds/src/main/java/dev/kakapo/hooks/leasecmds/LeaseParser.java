package dev.kakapo.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.util.Locale;

/**
 * Reads the lease object of {@code lease4-add} and {@code lease4-update} as Kea's lease parser
 * does: the same keys, defaults, checks, order of checks and texts.
 */
final class LeaseParser {

    private final Subnets subnets;

    LeaseParser(Subnets subnets) {
        this.subnets = subnets;
    }

    Lease4 parse(JsonNode object, long nowSeconds) throws CommandFailure {
        Arguments lease = new Arguments(object);
        Ipv4Address address = Identifiers.address(lease.requiredString("ip-address"));
        HardwareAddress hwAddress = Identifiers.hwAddress(lease.requiredString("hw-address"));
        SubnetInfo subnet = subnet(address, lease.optionalUint32("subnet-id", 0));
        byte[] clientId = lease.has("client-id") ? Identifiers.clientId(lease.requiredString("client-id")) : null;
        long validLifetime = lease.optionalUint32("valid-lft", subnet.validLifetime());
        long cltt = nowSeconds;
        Long expire = lease.optionalInteger("expire");
        if (expire != null) {
            if (expire <= 0) {
                throw CommandFailure.badArguments("expiration time must be positive for address " + address);
            }
            if (expire < validLifetime) {
                throw CommandFailure.badArguments("expiration time must be greater than valid lifetime for address " + address);
            }
            cltt = expire - validLifetime;
        }
        boolean forward = lease.optionalBoolean("fqdn-fwd", false);
        boolean reverse = lease.optionalBoolean("fqdn-rev", false);
        String hostname = lease.optionalString("hostname", "").toLowerCase(Locale.ROOT);
        if (hostname.isEmpty() && (forward || reverse)) {
            throw CommandFailure.badArguments("No hostname specified and either forward or reverse fqdn was set to true.");
        }
        LeaseState state = state(lease.optionalUint32("state", 0));
        long poolId = lease.optionalUint32("pool-id", 0);
        String context = userContext(lease.get("user-context"), lease.get("comment"));
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnet.id(), forward, reverse, hostname, state,
                context, poolId);
    }

    private SubnetInfo subnet(Ipv4Address address, long subnetId) throws CommandFailure {
        if (subnetId == 0) {
            SubnetInfo found = subnets.containing(address);
            if (found == null) {
                throw CommandFailure.conflict("subnet-id not specified and failed to find a subnet for address " + address);
            }
            return found;
        }
        SubnetInfo subnet = subnets.byId(subnetId);
        if (subnet == null) {
            throw CommandFailure.conflict("Invalid subnet-id: No IPv4 subnet with subnet-id=" + subnetId + " currently configured.");
        }
        if (!subnet.prefix().contains(address)) {
            throw CommandFailure.conflict("The address " + address + " does not belong to subnet " + subnet.prefix()
                    + ", subnet-id=" + subnetId);
        }
        return subnet;
    }

    private static LeaseState state(long code) throws CommandFailure {
        if (code > LeaseState.EXPIRED_RECLAIMED.code()) {
            throw CommandFailure.badArguments("Invalid state value: " + code
                    + ", supported values are: 0 (default), 1 (declined) and 2 (expired-reclaimed)");
        }
        for (LeaseState state : LeaseState.values()) {
            if (state.code() == code) {
                return state;
            }
        }
        throw CommandFailure.badArguments("Invalid state value: " + code);
    }

    /** The user context with {@code comment} moved into it, as JSON text; null when there is neither. */
    private static String userContext(JsonNode context, JsonNode comment) throws CommandFailure {
        if (context != null && !context.isObject()) {
            throw CommandFailure.badArguments("Invalid user context '" + KeaJsonText.of(context) + "' is not a JSON map.");
        }
        if (comment == null) {
            return context == null ? null : context.toString();
        }
        if (context != null && context.has("comment")) {
            throw CommandFailure.badArguments("Duplicated comment entry '" + KeaJsonText.of(comment) + "' in user context '"
                    + KeaJsonText.of(context) + "'");
        }
        ObjectNode merged = context == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) context).deepCopy();
        merged.set("comment", comment);
        return merged.toString();
    }
}
