package dev.kakapo.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a command's arguments map with the type checks and texts of Kea's element parser. */
final class Arguments {

    private final JsonNode map;

    Arguments(JsonNode map) {
        this.map = map;
    }

    boolean has(String key) {
        return map.has(key);
    }

    JsonNode get(String key) {
        return map.get(key);
    }

    String requiredString(String key) throws CommandFailure {
        JsonNode value = map.get(key);
        if (value == null) {
            throw CommandFailure.badArguments("missing parameter '" + key + "'");
        }
        return string(key, value);
    }

    String optionalString(String key, String otherwise) throws CommandFailure {
        JsonNode value = map.get(key);
        return value == null ? otherwise : string(key, value);
    }

    long optionalUint32(String key, long otherwise) throws CommandFailure {
        JsonNode value = map.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!value.isIntegralNumber()) {
            throw invalidType(key);
        }
        long n = value.asLong();
        if (n < 0 || n > 0xFFFF_FFFFL) {
            throw CommandFailure.badArguments("The '" + key + "' value (" + n + ") is not within expected range: (0 - 4294967295)");
        }
        return n;
    }

    Long optionalInteger(String key) throws CommandFailure {
        JsonNode value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw invalidType(key);
        }
        return value.asLong();
    }

    boolean optionalBoolean(String key, boolean otherwise) throws CommandFailure {
        JsonNode value = map.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw invalidType(key);
        }
        return value.asBoolean();
    }

    private static String string(String key, JsonNode value) throws CommandFailure {
        if (!value.isTextual()) {
            throw invalidType(key);
        }
        return value.asText();
    }

    static CommandFailure invalidType(String key) {
        return CommandFailure.badArguments("invalid type specified for parameter '" + key + "'");
    }
}
