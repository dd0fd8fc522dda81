package dev.kakapo.api.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to a control command, with Kea's result codes:
 * {@code {"result": N, "text": "...", "arguments": {...}}}.
 *
 * @param result    one of the {@code RESULT_} constants (or an HA-specific code)
 * @param text      the human-readable text, or null for none (Kea requires one when result is not 0)
 * @param arguments the answer's {@code arguments}, or null for none
 */
public record CommandAnswer(int result, String text, JsonNode arguments) {

    /** The command succeeded. */
    public static final int RESULT_SUCCESS = 0;
    /** The command failed: bad arguments, or an error while carrying it out. */
    public static final int RESULT_ERROR = 1;
    /** No such command. */
    public static final int RESULT_UNSUPPORTED = 2;
    /** The command succeeded but found or affected nothing. */
    public static final int RESULT_EMPTY = 3;
    /** The command was well formed but conflicts with the configuration or the state (Kea 2.3.1 and later). */
    public static final int RESULT_CONFLICT = 4;

    /** A success with a text and no arguments. */
    public static CommandAnswer success(String text) {
        return new CommandAnswer(RESULT_SUCCESS, text, null);
    }

    /** A success with arguments and no text. */
    public static CommandAnswer success(JsonNode arguments) {
        return new CommandAnswer(RESULT_SUCCESS, null, arguments);
    }

    /** A success with both a text and arguments. */
    public static CommandAnswer success(String text, JsonNode arguments) {
        return new CommandAnswer(RESULT_SUCCESS, text, arguments);
    }

    /** A failure (result 1) saying why. */
    public static CommandAnswer error(String text) {
        return new CommandAnswer(RESULT_ERROR, text, null);
    }

    /** A success that found nothing (result 3). */
    public static CommandAnswer empty(String text) {
        return new CommandAnswer(RESULT_EMPTY, text, null);
    }

    /** The answer to a command nobody registered, in Kea's words. */
    public static CommandAnswer unsupported(String command) {
        return new CommandAnswer(RESULT_UNSUPPORTED, "'" + command + "' command not supported.", null);
    }

    /** Whether the result is 0. */
    public boolean isSuccess() {
        return result == RESULT_SUCCESS;
    }

    /** The answer as Kea writes it: {@code result}, then {@code text} when there is one, then {@code arguments}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("result", result);
        if (text != null) {
            node.put("text", text);
        }
        if (arguments != null) {
            node.set("arguments", arguments);
        }
        return node;
    }
}
