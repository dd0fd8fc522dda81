package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.LibraryHandle;

import java.util.Set;

/**
 * Kakapo's lease commands library, standing in for Kea's {@code libdhcp_lease_cmds.so}: the
 * {@code lease4-*} commands over the server's lease store, with Kea's arguments, result codes and
 * texts. Kea's HA relies on {@code lease4-update}, {@code lease4-del} and {@code lease4-get-page}
 * between partners.
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

    /** Every command is one or a few atomic operations on the thread-safe store. */
    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }

    @Override
    public void load(LibraryHandle handle) {
        LeaseCommands commands = new LeaseCommands(handle.leases(), new Subnets(handle.subnets()),
                () -> System.currentTimeMillis() / 1000);
        commands.handlers().forEach(handle::command);
    }
}
