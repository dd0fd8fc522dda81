package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.Callout;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.LeaseStore;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server a relationship runs in, reduced to what the relationship uses: a lease store, and
 * dhcp-disable/dhcp-enable with origins, as the server's network state keeps them.
 */
final class TestServer implements LibraryHandle {

    final MemoryLeaseStore leases = new MemoryLeaseStore();
    private final Set<Integer> disabledBy = new TreeSet<>();

    /** Whether the service is on: no origin holds a disable. */
    synchronized boolean serving() {
        return disabledBy.isEmpty();
    }

    synchronized Set<Integer> disabledBy() {
        return new TreeSet<>(disabledBy);
    }

    @Override
    public JsonNode parameters() {
        return JsonNodeFactory.instance.objectNode();
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
        return leases;
    }

    @Override
    public boolean multiThreading() {
        return true;
    }

    @Override
    public synchronized CommandAnswer execute(CommandRequest request) {
        int origin = request.arguments() == null ? 1 : request.arguments().path("origin-id").asInt(1);
        switch (request.name()) {
            case "dhcp-disable":
                disabledBy.add(origin);
                return CommandAnswer.success("disabled");
            case "dhcp-enable":
                disabledBy.remove(origin);
                return CommandAnswer.success("enabled");
            default:
                return CommandAnswer.error("not in the test server: " + request.name());
        }
    }

    @Override
    public <C> void callout(HookPoint<C> point, Callout<? super C> callout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void command(String name, CommandHandler handler) {
        throw new UnsupportedOperationException();
    }
}
