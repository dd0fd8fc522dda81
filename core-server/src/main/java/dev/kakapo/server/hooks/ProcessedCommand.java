package dev.kakapo.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.hooks.CommandProcessedContext;

import java.util.Objects;

/** The context of {@code command_processed}. */
public final class ProcessedCommand implements CommandProcessedContext {

    private final String command;
    private final JsonNode arguments;
    private CommandAnswer answer;

    /** The answer {@code answer} to {@code command} with {@code arguments} (null for none). */
    public ProcessedCommand(String command, JsonNode arguments, CommandAnswer answer) {
        this.command = command;
        this.arguments = arguments;
        this.answer = answer;
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public JsonNode arguments() {
        return arguments;
    }

    @Override
    public CommandAnswer answer() {
        return answer;
    }

    @Override
    public void answer(CommandAnswer replacement) {
        answer = Objects.requireNonNull(replacement);
    }
}
