package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.hooks.HookLibrary;

import java.util.Set;

/**
 * Kakapo's lease commands library, standing in for Kea's {@code libdhcp_lease_cmds.so}. This class
 * is how a configuration finds it; the {@code lease4-*} commands come with the lease_cmds issue.
 */
public final class LeaseCommandsLibrary implements HookLibrary {

    /** Creates the library; called by {@link java.util.ServiceLoader}. */
    public LeaseCommandsLibrary() {
    }

    @Override
    public String name() {
        return "lease-cmds";
    }

    @Override
    public Set<String> keaLibraryNames() {
        return Set.of("libdhcp_lease_cmds");
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
