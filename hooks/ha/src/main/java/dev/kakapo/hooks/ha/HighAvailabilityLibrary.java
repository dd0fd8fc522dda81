package dev.kakapo.hooks.ha;

import dev.kakapo.api.hooks.HookLibrary;

import java.util.Set;

/**
 * Kakapo's High-Availability library, standing in for Kea's {@code libdhcp_ha.so}. This class is
 * how a configuration finds it; the relationships, state machines and peer protocol come with
 * the HA issue.
 */
public final class HighAvailabilityLibrary implements HookLibrary {

    /** Creates the library; called by {@link java.util.ServiceLoader}. */
    public HighAvailabilityLibrary() {
    }

    @Override
    public String name() {
        return "ha";
    }

    @Override
    public Set<String> keaLibraryNames() {
        return Set.of("libdhcp_ha");
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
