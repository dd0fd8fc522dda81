package dev.kakapo.examples.macfilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.ClientPacketContext;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.net.HardwareAddress;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A MAC filter: drops the packets of the clients it lists, in {@code pkt4_receive}, before the
 * server spends anything on them (the server counts them in {@code pkt4-receive-drop}). The
 * list starts from the {@code blocked} parameter and is managed at run time with three
 * commands: {@code mac-filter-add} and {@code mac-filter-del} ({@code {"hw-address": "..."}})
 * and {@code mac-filter-list}, which also reports how many packets were dropped.
 *
 * <pre>
 * "hooks-libraries": [{
 *     "library": "/opt/kakapo/hooks/kakapo-example-mac-filter.jar",
 *     "parameters": {"blocked": ["02:00:00:00:00:66"]}
 * }]
 * </pre>
 */
public final class MacFilterLibrary implements HookLibrary {

    private final Set<HardwareAddress> blocked = ConcurrentHashMap.newKeySet();
    private final LongAdder dropped = new LongAdder();

    /** Made by the server for each configuration that names the library. */
    public MacFilterLibrary() {
    }

    @Override
    public String name() {
        return "mac-filter";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    /** The list is a concurrent set and the counter a LongAdder: safe on every packet thread at once. */
    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }

    @Override
    public void load(LibraryHandle handle) {
        for (JsonNode entry : handle.parameters().path("blocked")) {
            blocked.add(HardwareAddress.parse(entry.asText()));
        }
        handle.callout(HookPoint.PKT4_RECEIVE, this::filter);
        handle.command("mac-filter-add", request -> change(request, true));
        handle.command("mac-filter-del", request -> change(request, false));
        handle.command("mac-filter-list", request -> list());
    }

    private NextStep filter(ClientPacketContext context) {
        if (!blocked.isEmpty() && blocked.contains(context.query().hardwareAddress())) {
            dropped.increment();
            return NextStep.DROP;
        }
        return NextStep.CONTINUE;
    }

    private CommandAnswer change(CommandRequest request, boolean add) {
        JsonNode address = request.arguments() == null ? null : request.arguments().get("hw-address");
        if (address == null || !address.isTextual()) {
            return CommandAnswer.error("missing 'hw-address' argument: a string such as \"02:00:00:00:00:66\"");
        }
        HardwareAddress mac;
        try {
            mac = HardwareAddress.parse(address.asText());
        } catch (IllegalArgumentException e) {
            return CommandAnswer.error("'" + address.asText() + "' is not a hardware address: " + e.getMessage());
        }
        if (add) {
            return blocked.add(mac) ? CommandAnswer.success(mac + " blocked") : CommandAnswer.empty(mac + " was already blocked");
        }
        return blocked.remove(mac) ? CommandAnswer.success(mac + " unblocked") : CommandAnswer.empty(mac + " was not blocked");
    }

    private CommandAnswer list() {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        Set<String> sorted = new TreeSet<>();
        blocked.forEach(mac -> sorted.add(mac.toString()));
        sorted.forEach(arguments.putArray("blocked")::add);
        arguments.put("dropped", dropped.sum());
        return CommandAnswer.success(sorted.size() + " clients blocked", arguments);
    }
}
