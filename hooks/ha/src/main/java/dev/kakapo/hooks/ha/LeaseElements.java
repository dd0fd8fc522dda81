package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;

/**
 * Leases on the HA wire: the {@code lease4-update} a server sends its partners (Kea's lease
 * element with {@code expire} instead of {@code cltt}, {@code force-create} and
 * {@code origin}), and the leases of a partner's {@code lease4-get-page} read as Kea's
 * {@code Lease4::fromElement} reads them.
 */
final class LeaseElements {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LeaseElements() {
    }

    static ObjectNode update(Lease4 lease) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("ip-address", lease.address().toString());
        out.put("hw-address", lease.hwAddress() == null ? "" : lease.hwAddress().toString());
        if (lease.clientId() != null && lease.clientId().length > 0) {
            out.put("client-id", HexBytes.toColonHex(lease.clientId()));
        }
        out.put("subnet-id", lease.subnetId());
        if (lease.poolId() != 0) {
            out.put("pool-id", lease.poolId());
        }
        out.put("valid-lft", lease.validLifetime());
        out.put("expire", lease.expire());
        out.put("fqdn-fwd", lease.fqdnForward());
        out.put("fqdn-rev", lease.fqdnReverse());
        out.put("hostname", lease.hostname() == null ? "" : lease.hostname());
        // Kea 2.2 and 2.6 refuse state 3 (released): such a lease goes as lease4-del instead.
        out.put("state", lease.state() == LeaseState.RELEASED ? LeaseState.DEFAULT.code() : lease.state().code());
        if (lease.userContext() != null && !lease.userContext().isBlank()) {
            try {
                out.set("user-context", JSON.readTree(lease.userContext()));
            } catch (JsonProcessingException e) {
                // a context that is not JSON is not sent
            }
        }
        out.put("force-create", true);
        out.put("origin", "ha-partner");
        return out;
    }

    /** A lease of a partner's page, or null when it lacks what Kea's fromElement requires. */
    static Lease4 fromElement(JsonNode element) {
        try {
            Ipv4Address address = Ipv4Address.parse(element.get("ip-address").asText());
            long subnetId = element.get("subnet-id").asLong();
            long cltt = element.get("cltt").asLong();
            if (subnetId <= 0 || cltt <= 0) {
                return null;
            }
            String hw = element.get("hw-address").asText();
            HardwareAddress hwAddress = hw.isEmpty() ? null : HardwareAddress.parse(hw);
            byte[] clientId = element.hasNonNull("client-id") ? HexBytes.parse(element.get("client-id").asText()) : null;
            LeaseState state = null;
            for (LeaseState candidate : LeaseState.values()) {
                if (candidate.code() == element.get("state").asInt()) {
                    state = candidate;
                }
            }
            if (state == null) {
                return null;
            }
            JsonNode context = element.get("user-context");
            return new Lease4(address, hwAddress, clientId, element.get("valid-lft").asLong(), cltt, subnetId,
                    element.get("fqdn-fwd").asBoolean(), element.get("fqdn-rev").asBoolean(), element.get("hostname").asText(),
                    state, context == null || !context.isObject() ? null : context.toString(),
                    element.path("pool-id").asLong(0));
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
