package dev.kakapo.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.HostIdentifierContext;
import dev.kakapo.api.hooks.LeasesCommittedContext;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.hooks.ParkedPacket;
import dev.kakapo.api.net.HexBytes;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hook library tests script through its {@code parameters}: {@code {"pkt4_receive": "DROP",
 * "leases4_committed": "PARK", "lease4_select": "THROW", "commands": ["x-echo"], "throwing-commands":
 * ["x-fail"], "annotate": " (seen)"}}; annotate appends its text to every command's answer. PARK takes a
 * hold and leaves it in {@link #HELD} for the test to resume or drop; THROW throws; "ID:hex" gives
 * host4_identifier that identifier; a step name
 * is returned as it is. Every call is recorded in {@link #CALLS} as "library:point".
 */
public final class ScriptedHookLibrary implements HookLibrary {

    /** Holds taken by PARK, for the test to settle. */
    public static final Queue<ParkedPacket> HELD = new ConcurrentLinkedQueue<>();
    /** Calls in the order they happened, as "name:hook_point". */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** Libraries loaded and not unloaded, by name. */
    public static final Map<String, Boolean> LOADED = new ConcurrentHashMap<>();

    private String name = "scripted";

    /** Forgets what earlier tests left. */
    public static void reset() {
        HELD.clear();
        CALLS.clear();
        LOADED.clear();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }

    @Override
    public void load(LibraryHandle handle) throws Exception {
        JsonNode parameters = handle.parameters();
        if (parameters.has("name")) {
            name = parameters.get("name").asText();
        }
        if (parameters.path("load").asText().equals("THROW")) {
            throw new IllegalStateException("told to fail while loading");
        }
        for (HookPoint<?> point : HookPoint.all()) {
            if (parameters.has(point.name())) {
                register(handle, point, parameters.get(point.name()).asText());
            }
        }
        for (Iterator<JsonNode> it = parameters.path("commands").elements(); it.hasNext(); ) {
            String command = it.next().asText();
            handle.command(command, request -> CommandAnswer.success(name + " answered " + request.name()));
        }
        for (Iterator<JsonNode> it = parameters.path("throwing-commands").elements(); it.hasNext(); ) {
            handle.command(it.next().asText(), request -> {
                throw new IllegalStateException("told to fail");
            });
        }
        if (parameters.has("annotate")) {
            String note = parameters.get("annotate").asText();
            handle.callout(HookPoint.COMMAND_PROCESSED, context -> {
                CommandAnswer answer = context.answer();
                context.answer(new CommandAnswer(answer.result(), (answer.text() == null ? "" : answer.text()) + note,
                        answer.arguments()));
                return NextStep.CONTINUE;
            });
        }
        LOADED.put(name, true);
    }

    private <C> void register(LibraryHandle handle, HookPoint<C> point, String action) {
        handle.callout(point, context -> {
            CALLS.add(name + ":" + point.name());
            switch (action) {
                case "THROW":
                    throw new IllegalStateException("told to throw at " + point);
                case "PARK":
                    HELD.add(((LeasesCommittedContext) context).park());
                    return NextStep.PARK;
                case "NULL":
                    return null;
                default:
                    break;
            }
            if (action.startsWith("ID:")) {
                ((HostIdentifierContext) context).identifier(HexBytes.parse(action.substring(3)));
                return NextStep.CONTINUE;
            }
            switch (action) {
                default:
                    return NextStep.valueOf(action);
            }
        });
    }

    @Override
    public void unload() {
        LOADED.remove(name);
    }
}
