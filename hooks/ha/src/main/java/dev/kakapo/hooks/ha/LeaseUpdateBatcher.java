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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 *
 * <p>When updates come faster than one per <em>linger</em> (200 us unless
 * {@value #LINGER_PROPERTY} says otherwise, in microseconds; 0 turns it off), the sender gives
 * the next ones that long, counted from the oldest update waiting, to join the request, as a
 * database's commit delay does: on a busy server a round trip to the peer is short and would
 * otherwise carry one or two leases, each paying for a request, its TCP segments and the
 * wake-ups of both servers' threads. A request that fills up leaves at once; below that rate
 * nothing waits.
 */
final class LeaseUpdateBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseUpdateBatcher.class);

    /** Leases per request at most: about 200 kB of JSON. */
    static final int MAX_LEASES = 512;
    /** The system property with the linger in microseconds ({@code -Dkakapo.ha.update-linger-us=0} turns it off). */
    static final String LINGER_PROPERTY = "kakapo.ha.update-linger-us";
    /** The linger when the property does not set one: a few leases' worth on a busy server, little beside a DHCP round trip. */
    static final Duration DEFAULT_LINGER = Duration.ofNanos(200_000);
    /** The weight of the newest gap between two updates in the average the linger decision uses. */
    private static final int GAP_SMOOTHING = 8;

    private final PeerConnection connection;
    private final long lingerNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Deque<Update> waiting = new ArrayDeque<>();
    private final Thread sender;
    /** Leases in {@link #waiting}. */
    private int waitingLeases;
    /** The average time between two submitted updates, smoothed; unknown (max) before the second. */
    private long averageGapNanos = Long.MAX_VALUE;
    private long lastSubmitNanos;
    /** The sender waits for the first update (signal on any) or lingers (signal when a request is full). */
    private boolean senderIdle;
    private boolean senderLingering;
    private boolean closed;

    /** A batcher with the linger of {@value #LINGER_PROPERTY}, or {@link #DEFAULT_LINGER}. */
    LeaseUpdateBatcher(PeerConfig peer, Duration timeout) {
        this(peer, timeout, configuredLinger());
    }

    LeaseUpdateBatcher(PeerConfig peer, Duration timeout, Duration linger) {
        this.connection = new PeerConnection(peer, timeout);
        this.lingerNanos = linger.toNanos();
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

    /** The linger the system property asks for, or the default when it is unset or not a number of microseconds. */
    static Duration configuredLinger() {
        String value = System.getProperty(LINGER_PROPERTY);
        if (value == null) {
            return DEFAULT_LINGER;
        }
        try {
            long micros = Long.parseLong(value.trim());
            if (micros >= 0) {
                return Duration.ofNanos(micros * 1000);
            }
        } catch (NumberFormatException e) {
            // falls through to the warning
        }
        LOG.warn("HA_CONFIG_PROPERTY_IGNORED {}={} is not a number of microseconds; using {} us", LINGER_PROPERTY, value,
                DEFAULT_LINGER.toNanos() / 1000);
        return DEFAULT_LINGER;
    }

    /** One transaction's leases, when it was queued, and what became of them. */
    private record Update(List<Lease4> deleted, List<Lease4> written, long submittedNanos, CompletableFuture<String> outcome) {
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
        long now = System.nanoTime();
        Update update = new Update(List.copyOf(deleted), List.copyOf(written), now, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                update.outcome.completeExceptionally(new IOException("the HA library is unloading"));
                return update.outcome;
            }
            if (averageGapNanos == Long.MAX_VALUE) {
                averageGapNanos = lastSubmitNanos == 0 ? Long.MAX_VALUE : now - lastSubmitNanos;
            } else {
                averageGapNanos += (now - lastSubmitNanos - averageGapNanos) / GAP_SMOOTHING;
            }
            lastSubmitNanos = now;
            waiting.add(update);
            waitingLeases += update.size();
            // a signal is a futex call and maybe a context switch: only when the sender waits for this one
            if (senderIdle || senderLingering && waitingLeases >= MAX_LEASES) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
        return update.outcome;
    }

    /** Updates waiting, how many: for tests. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
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
            waitingLeases -= next.size();
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
            lock.lock();
            try {
                awaitUpdates();
                if (closed) {
                    connection.close();
                    return;
                }
                batch = nextBatch();
            } finally {
                lock.unlock();
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

    /**
     * Waits for the first update, then, when updates come faster than one per linger, until the
     * oldest has waited the linger or a request's worth is there. Caller holds the lock.
     */
    private void awaitUpdates() {
        try {
            senderIdle = true;
            while (waiting.isEmpty() && !closed) {
                work.await();
            }
            senderIdle = false;
            if (closed || lingerNanos <= 0 || averageGapNanos >= lingerNanos) {
                return;
            }
            senderLingering = true;
            long deadline = waiting.peek().submittedNanos + lingerNanos;
            for (long left = deadline - System.nanoTime(); left > 0 && !closed && waitingLeases < MAX_LEASES;
                 left = deadline - System.nanoTime()) {
                work.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            closed = true;
        } finally {
            senderIdle = false;
            senderLingering = false;
        }
    }

    /**
     * Fails every update waiting and the request on its way, at once: the partner was declared
     * down, and the answers held for its acknowledgements would otherwise wait one request
     * time-out after another (ten seconds each) while the parking lot fills, instead of being
     * dropped so that their clients' retransmissions are answered by a server serving alone.
     * The sender goes on with whatever comes next.
     */
    void abandon(String why) {
        List<Update> abandoned;
        lock.lock();
        try {
            abandoned = List.copyOf(waiting);
            waiting.clear();
            waitingLeases = 0;
        } finally {
            lock.unlock();
        }
        connection.abort();
        IOException gone = new IOException(why);
        abandoned.forEach(u -> u.outcome.completeExceptionally(gone));
    }

    /** Stops the sender; updates still waiting fail, so their packets are dropped rather than held for ever. */
    @Override
    public void close() {
        List<Update> abandoned;
        lock.lock();
        try {
            closed = true;
            abandoned = List.copyOf(waiting);
            waiting.clear();
            waitingLeases = 0;
            work.signalAll();
        } finally {
            lock.unlock();
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
