package dev.kakapo.api.hooks;

import java.util.Set;

/**
 * A hook library: a provider of callouts and commands that a configuration activates by naming
 * it in {@code hooks-libraries}. Register an implementation in
 * {@code META-INF/services/dev.kakapo.api.hooks.HookLibrary}.
 *
 * <p>A configuration may name a library by its provider {@link #name()}, by the path of a Kea
 * library whose base name is one of {@link #keaLibraryNames()} (so
 * {@code /usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so} finds Kakapo's HA library), or by
 * the path of a jar holding it.
 *
 * <p>The server makes a new instance with the public no-argument constructor for every
 * configuration it serves, calls {@link #load(LibraryHandle)} on it, and {@link #unload()} when
 * that configuration is replaced or the server stops.
 */
public interface HookLibrary {

    /**
     * The version of this API. A library returns this constant from {@link #apiVersion()}; the
     * compiler copies its value into the library, so the library reports the version it was
     * built against and the server can refuse one built for an incompatible version.
     */
    int API_VERSION = 1;

    /** The provider name, unique among libraries, such as {@code ha}; usable in {@code hooks-libraries}. */
    String name();

    /**
     * Base names of Kea libraries this library stands in for, such as {@code libdhcp_ha}; a Kea
     * path in {@code hooks-libraries} whose file name (without {@code .so} and any version
     * suffix) is one of these selects this library. Empty for libraries with no Kea counterpart.
     */
    default Set<String> keaLibraryNames() {
        return Set.of();
    }

    /** The API version the library was compiled against: implement as {@code return API_VERSION;}. */
    int apiVersion();

    /**
     * Whether the library's callouts may run on several threads at once. Libraries that do not
     * say so are refused while multi-threading is enabled, as Kea refuses them.
     */
    default boolean multiThreadingCompatible() {
        return false;
    }

    /**
     * Checks the library's {@code parameters} without loading it, as {@code kakapo-dhcp4 -t} and
     * {@code config-test} check a configuration. Throw an {@link IllegalArgumentException} whose
     * message names what is wrong, starting with its path below {@code parameters} (such as
     * {@code high-availability[0].mode: ...}). The default accepts anything.
     */
    default void check(com.fasterxml.jackson.databind.JsonNode parameters) {
    }

    /**
     * Loads the library for a configuration: reads its parameters and registers its callouts and
     * commands with {@code handle}. Called once per configuration served, on a fresh instance. A
     * library that throws is refused with the exception's message, and so is the configuration.
     */
    default void load(LibraryHandle handle) throws Exception {
    }

    /**
     * Unloads the library: the configuration it was loaded for is no longer served. Its callouts
     * and commands are already gone; release what {@link #load} acquired (threads, sockets).
     */
    default void unload() {
    }
}
