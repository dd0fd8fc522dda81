package dev.kakapo.api.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;

/**
 * The context of {@link HookPoint#COMMAND_PROCESSED}: a control command has been answered and the
 * answer has not left yet. HA uses this to add its part to {@code status-get}.
 */
public interface CommandProcessedContext {

    /** The command's name. */
    String command();

    /** The command's arguments, or null when it had none. */
    JsonNode arguments();

    /** The answer so far. */
    CommandAnswer answer();

    /** Replaces the answer. */
    void answer(CommandAnswer replacement);
}
