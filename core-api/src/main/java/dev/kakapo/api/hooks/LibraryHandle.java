package dev.kakapo.api.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.lease.LeaseStore;

import java.util.List;

/**
 * What a hook library gets when it is loaded: its parameters, the server's lease store, and the
 * means to register callouts and control commands. Registration is only possible during
 * {@link HookLibrary#load(LibraryHandle)}; what a library registered goes away when it is unloaded.
 */
public interface LibraryHandle {

    /** The {@code parameters} map of the library's {@code hooks-libraries} entry; an empty map when it has none. */
    JsonNode parameters();

    /** The whole configuration being served, {@code {"Dhcp4": {...}}}. */
    JsonNode configuration();

    /** The configured subnets, in configuration order. */
    List<SubnetInfo> subnets();

    /** The server's lease store: reads, and writes that keep the server's statistics right. */
    LeaseStore leases();

    /** Whether the server handles packets on several threads at once (Kea's {@code multi-threading}). */
    boolean multiThreading();

    /**
     * Runs a control command as the control channel would (the server's commands and every
     * library's, {@code command_processed} callouts included): how a library drives the server,
     * as HA disables the DHCP service while it synchronises. Usable once {@code load} has
     * returned, from callouts and the library's own threads.
     *
     * @throws IllegalStateException when called during {@code load}
     */
    CommandAnswer execute(CommandRequest request);

    /**
     * Registers {@code callout} at {@code point}. Callouts at one point run in the order of
     * {@code hooks-libraries}, and in registration order within a library.
     */
    <C> void callout(HookPoint<C> point, Callout<? super C> callout);

    /**
     * Registers a control command.
     *
     * @throws IllegalArgumentException when the server or another library already has a command of this name
     */
    void command(String name, CommandHandler handler);

    /**
     * Registers a guard the allocator asks before it gives a free address to a new owner (see
     * {@link AddressGuard}). Every guard registered, by every library, must admit an address.
     * The default, for handles without an allocator behind them, refuses: a library that relies
     * on its guard must not load where it would be ignored.
     *
     * @throws UnsupportedOperationException when the server has no allocator to guard
     */
    default void addressGuard(AddressGuard guard) {
        throw new UnsupportedOperationException("this server does not take address guards");
    }

    /**
     * The server statistic {@code name}, created at 0 the first time a library asks for it, for
     * the library to count in; it outlives reloads of the library, as Kea's statistics do. Name
     * it after the library (Kakapo's HA library uses {@code ha[SERVER-NAME].…}). The default,
     * for handles without a server, is a statistic that only the library sees.
     */
    default LibraryStatistic statistic(String name) {
        return new UnpublishedStatistic();
    }
}
