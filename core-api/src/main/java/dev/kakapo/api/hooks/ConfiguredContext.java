package dev.kakapo.api.hooks;

import com.fasterxml.jackson.databind.JsonNode;

/** The context of {@link HookPoint#DHCP4_SRV_CONFIGURED}: a configuration about to be served. */
public interface ConfiguredContext {

    /** The whole configuration as given, {@code {"Dhcp4": {...}}}. */
    JsonNode configuration();

    /**
     * Refuses the configuration: return {@link NextStep#DROP} after calling this. At start-up the
     * server does not start; on {@code config-set} the old configuration keeps serving.
     */
    void fail(String reason);
}
