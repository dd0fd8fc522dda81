package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.ProcessedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers control commands the way Kea's command manager does: checks the envelope (a map with
 * a string {@code command}, optional {@code arguments}, and Kea's {@code service} and
 * {@code remote-address}, nothing else), finds the handler among the server's commands and those
 * the hook libraries registered, answers 2 for unknown commands and 1 with the reason when a
 * handler fails, and lets {@code command_processed} callouts see and change the answer.
 */
public final class CommandDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final Set<String> ENVELOPE = Set.of("command", "arguments", "service", "remote-address");

    private final Map<String, CommandHandler> builtIns;
    private final Dhcp4Server server;

    /** A dispatcher over the server's own {@code builtIns} and {@code server}'s hook commands. */
    public CommandDispatcher(Map<String, CommandHandler> builtIns, Dhcp4Server server) {
        this.builtIns = Map.copyOf(builtIns);
        this.server = server;
    }

    /** Every command answered now, sorted: the server's and the hook libraries'. */
    public Set<String> commandNames() {
        Set<String> names = new TreeSet<>(builtIns.keySet());
        names.addAll(server.hookCommands().keySet());
        return names;
    }

    /** Answers a request as it arrived: a JSON value that should be a command map. */
    public CommandAnswer dispatch(JsonNode request) {
        // The texts are Kea 2.2's, word for word (its odd "Invalid answer" included).
        if (request == null || !request.isObject()) {
            return envelopeError("Invalid command Element specified, expected map");
        }
        for (Iterator<String> keys = request.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!ENVELOPE.contains(key)) {
                return envelopeError("Received command contains unsupported parameter '" + key + "'");
            }
        }
        JsonNode command = request.get("command");
        if (command == null) {
            return envelopeError("Invalid answer specified, does not contain mandatory 'command'");
        }
        if (!command.isTextual()) {
            return envelopeError("'command' element in command message must be a string");
        }
        return dispatch(new CommandRequest(command.asText(), request.get("arguments")));
    }

    private static CommandAnswer envelopeError(String text) {
        return CommandAnswer.error("Error during command processing: " + text);
    }

    /** Answers a parsed request, then runs the {@code command_processed} callouts on the answer. */
    public CommandAnswer dispatch(CommandRequest request) {
        CommandHandler handler = server.hookCommands().get(request.name());
        if (handler == null) {
            handler = builtIns.get(request.name());
        }
        CommandAnswer answer;
        if (handler == null) {
            answer = CommandAnswer.unsupported(request.name());
        } else {
            try {
                answer = handler.handle(request);
                if (answer == null) {
                    answer = CommandAnswer.error("Error during command processing: the handler of '" + request.name()
                            + "' gave no answer");
                }
            } catch (Exception | LinkageError e) {
                LOG.warn("COMMAND_PROCESS_ERROR '{}' failed: {}", request.name(), e.toString(), e);
                answer = CommandAnswer.error("Error during command processing: " + e.getMessage());
            }
        }
        Callouts callouts = server.callouts();
        if (callouts.has(HookPoint.COMMAND_PROCESSED)) {
            ProcessedCommand context = new ProcessedCommand(request.name(), request.arguments(), answer);
            callouts.run(HookPoint.COMMAND_PROCESSED, context);
            answer = context.answer();
        }
        LOG.debug("COMMAND_RECEIVED '{}' answered with result {}", request.name(), answer.result());
        return answer;
    }
}
