package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code hooks-libraries}.
 *
 * @param library    the {@code library} value as written: a Kea path, a jar path or a provider name
 * @param provider   the provider name it resolved to
 * @param parameters the {@code parameters} map, or null when none
 * @param path       the entry's JSON path, for messages about it
 */
public record HookLibraryConfig(String library, String provider, JsonNode parameters, String path) {
}
