package dev.kakapo.api.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.lease.LeaseStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link LibraryHandle} for testing a hook library without a server: it hands the library
 * its parameters and records the callouts and commands it registers, so a test can call them
 * directly. No lease store; commands the library runs ({@link #execute}) are answered by the
 * function given to {@link #answeringCommandsWith}, or refused. A library that needs more is
 * tested in a server.
 */
public final class RecordingLibraryHandle implements LibraryHandle {

    private final JsonNode parameters;
    private final Map<HookPoint<?>, Callout<?>> callouts = new LinkedHashMap<>();
    private final Map<String, CommandHandler> commands = new LinkedHashMap<>();
    private final Map<String, LibraryStatistic> statistics = new LinkedHashMap<>();
    private final List<AddressGuard> guards = new ArrayList<>();
    private Function<CommandRequest, CommandAnswer> server = request -> {
        throw new UnsupportedOperationException("no commands without a server");
    };

    /** A handle giving the library {@code parameters} (an empty map when null). */
    public RecordingLibraryHandle(JsonNode parameters) {
        this.parameters = parameters != null ? parameters : JsonNodeFactory.instance.objectNode();
    }

    /** Answers the commands the library runs with {@code answers}, as a server's dispatcher would; returns this handle. */
    public RecordingLibraryHandle answeringCommandsWith(Function<CommandRequest, CommandAnswer> answers) {
        this.server = answers;
        return this;
    }

    /** The callout registered last at {@code point}, or null. */
    @SuppressWarnings("unchecked")
    public <C> Callout<C> callout(HookPoint<C> point) {
        return (Callout<C>) callouts.get(point);
    }

    /** The address guards the library registered, in order. */
    public List<AddressGuard> guards() {
        return guards;
    }

    /** The statistics the library asked for, by name. */
    public Map<String, LibraryStatistic> statistics() {
        return statistics;
    }

    /** The commands registered, by name, in registration order. */
    public Map<String, CommandHandler> commands() {
        return commands;
    }

    @Override
    public JsonNode parameters() {
        return parameters;
    }

    @Override
    public JsonNode configuration() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public List<SubnetInfo> subnets() {
        return List.of();
    }

    @Override
    public LeaseStore leases() {
        throw new UnsupportedOperationException("no lease store without a server");
    }

    @Override
    public boolean multiThreading() {
        return true;
    }

    @Override
    public LibraryStatistic statistic(String name) {
        return statistics.computeIfAbsent(name, n -> new UnpublishedStatistic());
    }

    @Override
    public CommandAnswer execute(CommandRequest request) {
        return server.apply(request);
    }

    @Override
    public <C> void callout(HookPoint<C> point, Callout<? super C> callout) {
        callouts.put(point, callout);
    }

    @Override
    public void addressGuard(AddressGuard guard) {
        guards.add(guard);
    }

    @Override
    public void command(String name, CommandHandler handler) {
        commands.put(name, handler);
    }
}
