package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.Ipv4Address;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit of lease updates to one peer that takes {@code lease4-bulk-apply}: the updates
 * committed while a request is on the wire travel together in the next one, so a busy server
 * sends one request per round trip instead of one per lease.
 *
 * <p>A thread per peer sends the requests over one kept-alive connection ({@link PeerConnection}).
 * One request is in flight at a time, so the peer applies updates in the order this server
 * committed them; and an address appears at most once in a request (the peer deletes before it
 * writes), so a second change of the same address waits for the next request. Each update's
 * outcome is its own: null when the peer applied all its leases, otherwise the reason (starting
 * with {@code conflict:} for a conflict), as the one-request-per-lease protocol reports it.
 */
final class LeaseUpdateBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseUpdateBatcher.class);

    /** Leases per request at most: about 200 kB of JSON. */
    static final int MAX_LEASES = 512;

    private final PeerConnection connection;
    private final Deque<Update> waiting = new ArrayDeque<>();
    private final Thread sender;
    private boolean closed;

    LeaseUpdateBatcher(PeerConfig peer, Duration timeout) {
        this.connection = new PeerConnection(peer, timeout);
        this.sender = new Thread(this::sendWhileOpen, "kakapo-ha-updates-" + peer.name());
        sender.setDaemon(true);
        sender.start();
    }

    /** The peer refused {@code lease4-bulk-apply} (unknown, or forbidden to peers): the updates go one by one instead. */
    static final class BulkRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BulkRefused(String why) {
            super(why, null, false, false);
        }
    }

    /** One transaction's leases and what became of them. */
    private record Update(List<Lease4> deleted, List<Lease4> written, CompletableFuture<String> outcome) {
        int size() {
            return deleted.size() + written.size();
        }
    }

    /**
     * Queues one transaction's leases for the peer. The future completes with null when the peer
     * applied them all, with the reason when it refused one, and exceptionally when the request
     * failed ({@link BulkRefused} when the peer does not know the command).
     */
    CompletableFuture<String> submit(List<Lease4> deleted, List<Lease4> written) {
        Update update = new Update(List.copyOf(deleted), List.copyOf(written), new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                update.outcome.completeExceptionally(new IOException("the HA library is unloading"));
                return update.outcome;
            }
            waiting.add(update);
            notifyAll();
        }
        return update.outcome;
    }

    /** Updates waiting, how many: for tests. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Takes updates in order until the request is full or an address would come twice. Caller holds the lock. */
    private List<Update> nextBatch() {
        List<Update> batch = new ArrayList<>();
        Set<Ipv4Address> addresses = new HashSet<>();
        int leases = 0;
        while (!waiting.isEmpty()) {
            Update next = waiting.peek();
            if (!batch.isEmpty() && (leases + next.size() > MAX_LEASES || !disjoint(next, addresses))) {
                break;
            }
            waiting.poll();
            next.deleted.forEach(l -> addresses.add(l.address()));
            next.written.forEach(l -> addresses.add(l.address()));
            leases += next.size();
            batch.add(next);
        }
        return batch;
    }

    private static boolean disjoint(Update update, Set<Ipv4Address> addresses) {
        for (Lease4 lease : update.deleted) {
            if (addresses.contains(lease.address())) {
                return false;
            }
        }
        for (Lease4 lease : update.written) {
            if (addresses.contains(lease.address())) {
                return false;
            }
        }
        return true;
    }

    private void sendWhileOpen() {
        while (true) {
            List<Update> batch;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (closed) {
                    connection.close();
                    return;
                }
                batch = nextBatch();
            }
            CommandAnswer answer = null;
            Throwable error = null;
            try {
                answer = connection.send("lease4-bulk-apply", arguments(batch));
            } catch (IOException | RuntimeException e) {
                error = e;
            }
            try {
                settle(batch, answer, error);
            } catch (RuntimeException e) {
                // a callout's continuation failed: its own packet is lost, the updates of others go on
                LOG.error("HA_LEASE_UPDATE_FAILED settling lease updates failed: {}", e.toString(), e);
            }
        }
    }

    /** Stops the sender; updates still waiting fail, so their packets are dropped rather than held for ever. */
    @Override
    public void close() {
        List<Update> abandoned;
        synchronized (this) {
            closed = true;
            abandoned = List.copyOf(waiting);
            waiting.clear();
            notifyAll();
        }
        connection.abort();
        IOException unloading = new IOException("the HA library is unloading");
        abandoned.forEach(u -> u.outcome.completeExceptionally(unloading));
    }

    /** The request for {@code batch}: every deleted lease, then every written one, in commit order. */
    private static ObjectNode arguments(List<Update> batch) {
        List<Lease4> deleted = new ArrayList<>();
        List<Lease4> written = new ArrayList<>();
        for (Update update : batch) {
            deleted.addAll(update.deleted);
            written.addAll(update.written);
        }
        return arguments(deleted, written);
    }

    /** The arguments of a lease4-bulk-apply deleting {@code deleted} and writing {@code written}. */
    static ObjectNode arguments(List<Lease4> deleted, List<Lease4> written) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        ArrayNode deletedList = arguments.putArray("deleted-leases");
        ArrayNode writtenList = arguments.putArray("leases");
        deleted.forEach(l -> deletedList.add(JsonNodeFactory.instance.objectNode().put("ip-address", l.address().toString())));
        written.forEach(l -> writtenList.add(LeaseElements.update(l)));
        return arguments;
    }

    private static void settle(List<Update> batch, CommandAnswer answer, Throwable error) {
        if (error instanceof PeerConnection.Forbidden || error == null && answer.result() == CommandAnswer.RESULT_UNSUPPORTED) {
            BulkRefused refused = new BulkRefused(error != null ? error.getMessage() : answer.text());
            batch.forEach(u -> u.outcome.completeExceptionally(refused));
            return;
        }
        if (error != null) {
            batch.forEach(u -> u.outcome.completeExceptionally(error));
            return;
        }
        if (answer.result() != CommandAnswer.RESULT_SUCCESS) {
            String why = answer.text() + " (error code " + answer.result() + ")";
            batch.forEach(u -> u.outcome.complete(why));
            return;
        }
        Map<String, String> failed = failures(answer.arguments());
        for (Update update : batch) {
            update.outcome.complete(firstFailure(update, failed));
        }
    }

    /** Addresses the peer could not apply, with the reason; a deleted lease it did not have is no failure. */
    private static Map<String, String> failures(JsonNode arguments) {
        Map<String, String> failed = new HashMap<>();
        if (arguments == null) {
            return failed;
        }
        for (String list : List.of("failed-deleted-leases", "failed-leases")) {
            for (JsonNode entry : arguments.path(list)) {
                int result = entry.path("result").asInt(CommandAnswer.RESULT_ERROR);
                if (list.equals("failed-deleted-leases") && result == CommandAnswer.RESULT_EMPTY) {
                    continue;
                }
                failed.put(entry.path("ip-address").asText(), (result == CommandAnswer.RESULT_CONFLICT ? "conflict: " : "")
                        + entry.path("error-message").asText() + " (error code " + result + ")");
            }
        }
        return failed;
    }

    private static String firstFailure(Update update, Map<String, String> failed) {
        if (failed.isEmpty()) {
            return null;
        }
        for (Lease4 lease : update.deleted) {
            String why = failed.get(lease.address().toString());
            if (why != null) {
                return why;
            }
        }
        for (Lease4 lease : update.written) {
            String why = failed.get(lease.address().toString());
            if (why != null) {
                return why;
            }
        }
        return null;
    }
}
