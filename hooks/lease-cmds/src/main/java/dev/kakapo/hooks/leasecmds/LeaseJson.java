package dev.kakapo.hooks.leasecmds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.HexBytes;

/** A lease as Kea's lease commands and HA report it ({@code Lease4::toElement}). */
final class LeaseJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LeaseJson() {
    }

    static ObjectNode of(Lease4 lease) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (lease.clientId() != null && lease.clientId().length > 0) {
            out.put("client-id", HexBytes.toColonHex(lease.clientId()));
        }
        out.put("cltt", lease.cltt());
        out.put("fqdn-fwd", lease.fqdnForward());
        out.put("fqdn-rev", lease.fqdnReverse());
        out.put("hostname", lease.hostname() == null ? "" : lease.hostname());
        out.put("hw-address", lease.hwAddress() == null ? "" : lease.hwAddress().toString());
        out.put("ip-address", lease.address().toString());
        if (lease.poolId() != 0) {
            out.put("pool-id", lease.poolId());
        }
        out.put("state", lease.state().code());
        out.put("subnet-id", lease.subnetId());
        JsonNode context = userContext(lease.userContext());
        if (context != null) {
            out.set("user-context", context);
        }
        out.put("valid-lft", lease.validLifetime());
        return out;
    }

    /** The stored user context (JSON text) as JSON, or null when there is none. */
    static JsonNode userContext(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
