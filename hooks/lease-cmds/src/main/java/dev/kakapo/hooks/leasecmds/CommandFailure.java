package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.command.CommandAnswer;

/** A lease command that cannot be carried out, with the result code and Kea's text for the answer. */
final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int result;

    private CommandFailure(int result, String text) {
        super(text, null, false, false);
        this.result = result;
    }

    /** Bad arguments: result 1. */
    static CommandFailure badArguments(String text) {
        return new CommandFailure(CommandAnswer.RESULT_ERROR, text);
    }

    /** Well formed but at odds with the configuration or the store: result 4, as Kea 2.3.1 and later answer. */
    static CommandFailure conflict(String text) {
        return new CommandFailure(CommandAnswer.RESULT_CONFLICT, text);
    }

    CommandAnswer answer() {
        return new CommandAnswer(result, getMessage(), null);
    }
}
