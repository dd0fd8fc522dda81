package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A parsed configuration file: its JSON tree and where each value started, by JSON path.
 *
 * @param root      the tree
 * @param source    the name of the file, for messages
 * @param locations where each value starts, keyed by JSON path ({@code Dhcp4.subnet4[0].id})
 */
public record JsonDocument(JsonNode root, String source, Map<String, SourceLocation> locations) {

    /** Where the value at {@code path} starts, or where its nearest enclosing value does. */
    public SourceLocation locate(String path) {
        String p = path;
        while (true) {
            SourceLocation location = locations.get(p);
            if (location != null) {
                return location;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return locations.getOrDefault("", SourceLocation.START);
            }
            p = p.substring(0, cut);
        }
    }
}
