package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one JSON map of the configuration key by key. Every getter marks its key as read and
 * reports a wrong type as an error at the key's path; {@link #finish()} reports the keys nobody
 * read as unknown, which is how misspelt keys are caught.
 */
final class MapReader {

    private final Diagnostics diagnostics;
    private final String path;
    private final ObjectNode node;
    private final String mapName;
    private final Set<String> read = new LinkedHashSet<>();

    MapReader(Diagnostics diagnostics, String path, ObjectNode node) {
        this.diagnostics = diagnostics;
        this.path = path;
        this.node = node;
        int cut = Math.max(path.lastIndexOf('.'), 0);
        this.mapName = path.substring(cut == 0 ? 0 : cut + 1).replaceAll("\\[\\d+]$", "");
    }

    /** Returns a reader of the map at {@code path}, or reports that {@code value} is not a map. */
    static MapReader of(Diagnostics diagnostics, String path, JsonNode value) {
        if (value instanceof ObjectNode) {
            return new MapReader(diagnostics, path, (ObjectNode) value);
        }
        diagnostics.error(path, "expected a map, got " + describe(value));
        return null;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path + "." + key;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    void error(String key, String message) {
        diagnostics.error(path(key), message);
    }

    void warn(String key, String message) {
        diagnostics.warn(path(key), message);
    }

    boolean has(String key) {
        return node.has(key);
    }

    /** The raw value, marked as read; null when absent. */
    JsonNode raw(String key) {
        read.add(key);
        return node.get(key);
    }

    String string(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error(key, "expected a string, got " + describe(value));
            return null;
        }
        return value.textValue();
    }

    String requiredString(String key) {
        if (!node.has(key)) {
            diagnostics.error(path, "'" + key + "' is required in " + mapName);
            read.add(key);
            return null;
        }
        return string(key);
    }

    Boolean bool(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            error(key, "expected true or false, got " + describe(value));
            return null;
        }
        return value.booleanValue();
    }

    /** An integer within {@code min..max}; null when absent or wrong. */
    Long integer(String key, long min, long max) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            error(key, "expected an integer, got " + describe(value));
            return null;
        }
        BigInteger big = value.bigIntegerValue();
        if (big.compareTo(BigInteger.valueOf(min)) < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
            error(key, big + " is out of range: expected " + min + " to " + max);
            return null;
        }
        return big.longValue();
    }

    Long uint32(String key) {
        return integer(key, 0, 0xFFFFFFFFL);
    }

    Integer uint16(String key) {
        Long value = integer(key, 0, 65535);
        return value == null ? null : value.intValue();
    }

    /** A number (integers accepted too, as Kea accepts them for real parameters). */
    Double real(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            error(key, "expected a number, got " + describe(value));
            return null;
        }
        return value.doubleValue();
    }

    MapReader map(String key) {
        JsonNode value = raw(key);
        return value == null ? null : of(diagnostics, path(key), value);
    }

    /** The user context: any map, kept as it is. */
    JsonNode userContext() {
        JsonNode value = raw("user-context");
        if (value != null && !value.isObject()) {
            error("user-context", "expected a map, got " + describe(value));
            return null;
        }
        return value;
    }

    /** Reads each element of the list at {@code key} with {@code element}, skipping elements it rejects (null). */
    <T> List<T> list(String key, ElementParser<T> element) {
        JsonNode value = raw(key);
        List<T> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            error(key, "expected a list, got " + describe(value));
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            T parsed = element.parse(path(key) + "[" + i + "]", value.get(i));
            if (parsed != null) {
                out.add(parsed);
            }
        }
        return out;
    }

    /** Reads a list of maps, each with {@code element}. */
    <T> List<T> mapList(String key, Function<MapReader, T> element) {
        return list(key, (elementPath, value) -> {
            MapReader reader = of(diagnostics, elementPath, value);
            return reader == null ? null : element.apply(reader);
        });
    }

    /** Reads a list of strings. */
    List<String> stringList(String key) {
        return list(key, (elementPath, value) -> {
            if (!value.isTextual()) {
                diagnostics.error(elementPath, "expected a string, got " + describe(value));
                return null;
            }
            return value.textValue();
        });
    }

    /** Marks keys as read without looking at them (comments, metadata). */
    void skip(String... keys) {
        for (String key : keys) {
            read.add(key);
        }
    }

    /** Marks keys Kea accepts but Kakapo does not act on, with a warning for each one present. */
    void notActedOn(String why, String... keys) {
        for (String key : keys) {
            read.add(key);
            if (node.has(key)) {
                warn(key, "read but not acted on: " + why);
            }
        }
    }

    /** Reports every key not read as unknown, as Kea reports an unexpected keyword. */
    void finish() {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!read.contains(key)) {
                error(key, "unknown key '" + key + "' in " + mapName);
            }
        }
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "the string \"" + value.textValue() + "\"";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isBoolean()) {
            return "the boolean " + value.booleanValue();
        }
        return "the number " + value.asText();
    }

    /** Parses one element of a list, or returns null after reporting why it cannot. */
    @FunctionalInterface
    interface ElementParser<T> {
        T parse(String path, JsonNode value);
    }
}
