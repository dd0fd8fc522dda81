package dev.kakapo.hooks.ha;

import dev.kakapo.api.command.CommandAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether a peer takes {@code lease4-bulk-apply}, as its {@code list-commands} says. Kea does
 * not (its DHCPv4 HA sends one lease per request), so a Kea peer keeps Kea's protocol; a Kakapo
 * peer gets group-committed updates. Asked in the background the first time a peer is updated
 * and again every {@link #RECHECK} while the answer is no (a peer may be replaced by an upgrade);
 * until an answer comes, updates go one by one.
 */
final class PeerCapabilities {

    private static final Logger LOG = LoggerFactory.getLogger(PeerCapabilities.class);

    /** How long a "no" (or no answer) holds before the peer is asked again. */
    static final Duration RECHECK = Duration.ofSeconds(30);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final PeerClient client;
    private final LongSupplier nanoTime;
    private final Map<String, Known> byPeer = new ConcurrentHashMap<>();

    private record Known(boolean bulk, long checkedNanos) {
    }

    PeerCapabilities(PeerClient client, LongSupplier nanoTime) {
        this.client = client;
        this.nanoTime = nanoTime;
    }

    /** Whether updates to {@code peer} may travel together; asks the peer when that is not known (or a no is old). */
    boolean takesBulkUpdates(PeerConfig peer) {
        String key = peer.url().toString();
        long now = nanoTime.getAsLong();
        Known known = byPeer.get(key);
        if (known != null && (known.bulk || now - known.checkedNanos < RECHECK.toNanos())) {
            return known.bulk;
        }
        Known asking = new Known(false, now);
        boolean first = known == null ? byPeer.putIfAbsent(key, asking) == null : byPeer.replace(key, known, asking);
        if (first) {
            client.sendAsync(peer, "list-commands", null, ASK_TIMEOUT).whenComplete((answer, error) -> {
                if (error == null && answer.result() == CommandAnswer.RESULT_SUCCESS && answer.arguments() != null) {
                    for (var command : answer.arguments()) {
                        if (command.asText().equals("lease4-bulk-apply")) {
                            byPeer.put(key, new Known(true, nanoTime.getAsLong()));
                            LOG.info("HA_LEASE_UPDATES_GROUPED {} takes lease4-bulk-apply: lease updates to it are group-committed",
                                    peer.name());
                        }
                    }
                }
            });
        }
        return false;
    }

    /** The peer answered the bulk command as unknown: back to one lease per request until it is asked again. */
    void refused(PeerConfig peer) {
        Known before = byPeer.put(peer.url().toString(), new Known(false, nanoTime.getAsLong()));
        if (before != null && before.bulk) {
            LOG.info("HA_LEASE_UPDATES_ONE_BY_ONE {} does not know lease4-bulk-apply: one lease update per request again",
                    peer.name());
        }
    }
}
