package dev.kakapo.api.command;

/**
 * Answers one control command. Handlers run on the control channel's threads, possibly several
 * at once, and must be thread-safe. A handler that throws is answered with result 1 and the
 * exception's message, as Kea answers a command whose handler failed.
 */
@FunctionalInterface
public interface CommandHandler {

    /** Answers {@code request}; never null. */
    CommandAnswer handle(CommandRequest request) throws Exception;
}
