package dev.kakapo.api.command;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One control command as a client sent it: {@code {"command": "...", "arguments": {...}}}.
 *
 * @param name      the command's name, such as {@code lease4-get}
 * @param arguments the {@code arguments} value as sent, or null when the command had none
 */
public record CommandRequest(String name, JsonNode arguments) {

    /** Checks that the command has a name. */
    public CommandRequest {
        Objects.requireNonNull(name, "name");
    }

    /** Whether the command came with an {@code arguments} map. */
    public boolean hasArgumentsMap() {
        return arguments != null && arguments.isObject();
    }
}
