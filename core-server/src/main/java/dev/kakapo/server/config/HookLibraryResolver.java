package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the hook library a {@code hooks-libraries} entry names, so that the configuration can
 * be refused when it names one that is missing or cannot run here.
 */
public interface HookLibraryResolver {

    /**
     * What a library name resolved to.
     *
     * @param provider                 the provider name of the library found
     * @param apiVersion               the API version it was built against
     * @param multiThreadingCompatible whether it may run with multi-threading enabled
     */
    record Resolved(String provider, int apiVersion, boolean multiThreadingCompatible) {
    }

    /**
     * Resolves {@code library} as written in the configuration.
     *
     * @throws IllegalArgumentException with a sentence saying why nothing matches
     */
    Resolved resolve(String library);

    /**
     * Lets the library {@code library} names check its {@code parameters}.
     *
     * @throws IllegalArgumentException with the library's sentence when they are wrong
     */
    default void checkParameters(String library, JsonNode parameters) {
    }

    /** The API version this server provides; libraries built for another one are refused. */
    int serverApiVersion();
}
