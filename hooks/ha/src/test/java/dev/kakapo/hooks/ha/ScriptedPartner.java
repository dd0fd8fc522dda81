package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.Ipv4Address;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A partner played by the test: it answers heartbeats with the state, scopes and unsent-update
 * count the test sets, serves its leases page by page, takes disables and enables, and records
 * every command; while {@link #reachable} is false every request fails as an unreachable peer's.
 */
final class ScriptedPartner implements PeerTransport {

    volatile HaState state = HaState.WAITING;
    volatile Set<String> scopes = Set.of();
    volatile long unsentUpdates;
    volatile boolean reachable = true;
    final MemoryLeaseStore leases = new MemoryLeaseStore();
    final List<String> commands = new ArrayList<>();
    private final Supplier<Instant> clock;

    ScriptedPartner(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public synchronized CommandAnswer send(PeerConfig peer, String command, JsonNode arguments, Duration timeout)
            throws IOException {
        commands.add(command);
        if (!reachable) {
            throw new IOException(peer.name() + " does not answer (scripted)");
        }
        switch (command) {
            case "ha-heartbeat": {
                ObjectNode status = JsonNodeFactory.instance.objectNode().put("state", state.wireName())
                        .put("date-time", Rfc1123.format(clock.get())).put("unsent-update-count", unsentUpdates);
                ArrayNode list = status.putArray("scopes");
                scopes.forEach(list::add);
                return CommandAnswer.success("HA peer status returned.", status);
            }
            case "lease4-get-page": {
                String from = arguments.path("from").asText();
                List<Lease4> page = leases.page(from.equals("start") ? null : Ipv4Address.parse(from),
                        arguments.path("limit").asInt());
                if (page.isEmpty()) {
                    return new CommandAnswer(CommandAnswer.RESULT_EMPTY, "0 IPv4 lease(s) found.", null);
                }
                ObjectNode answer = JsonNodeFactory.instance.objectNode().put("count", page.size());
                ArrayNode list = answer.putArray("leases");
                for (Lease4 lease : page) {
                    ObjectNode element = LeaseElements.update(lease);
                    element.put("cltt", lease.cltt());
                    list.add(element);
                }
                return CommandAnswer.success(page.size() + " IPv4 lease(s) found.", answer);
            }
            default:
                return CommandAnswer.success(command + " done (scripted)");
        }
    }

    @Override
    public CompletableFuture<CommandAnswer> sendAsync(PeerConfig peer, String command, JsonNode arguments, Duration timeout) {
        try {
            return CompletableFuture.completedFuture(send(peer, command, arguments, timeout));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** How many times {@code command} was sent. */
    synchronized long sent(String command) {
        return commands.stream().filter(command::equals).count();
    }
}
