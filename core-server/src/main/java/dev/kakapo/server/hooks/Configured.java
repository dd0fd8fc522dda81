package dev.kakapo.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.hooks.ConfiguredContext;

/** The context of {@code dhcp4_srv_configured}. */
final class Configured implements ConfiguredContext {

    private final JsonNode configuration;
    private String failure;

    Configured(JsonNode configuration) {
        this.configuration = configuration;
    }

    @Override
    public JsonNode configuration() {
        return configuration;
    }

    @Override
    public void fail(String reason) {
        failure = reason == null || reason.isBlank() ? "refused by a dhcp4_srv_configured callout" : reason;
    }

    /** Why a callout refused the configuration, or null. */
    String failure() {
        return failure;
    }
}
