package dev.kakapo.hooks.ha;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kea's traffic analysis while communication with the partner is interrupted: the clients
 * asking the partner, and those of them that have been trying for longer than
 * {@code max-ack-delay} (their {@code secs} field says so) and got no answer.
 */
final class UnackedClients {

    private final int maxAckDelayMillis;
    private final Set<ByteBuffer> connecting = ConcurrentHashMap.newKeySet();
    private final Set<ByteBuffer> unacked = ConcurrentHashMap.newKeySet();
    private final LongAdder analyzed = new LongAdder();

    UnackedClients(int maxAckDelayMillis) {
        this.maxAckDelayMillis = maxAckDelayMillis;
    }

    /** Records a query for the partner from {@code client}, which has been trying for {@code secs} seconds. */
    void analyze(byte[] client, int secs) {
        analyzed.increment();
        ByteBuffer key = ByteBuffer.wrap(client.clone());
        // Some clients (Windows) send secs in the wrong byte order: Kea swaps a value whose low byte is 0.
        int seconds = secs > 255 && (secs & 0xff) == 0 ? (secs >>> 8) | ((secs & 0xff) << 8) : secs;
        if (seconds * 1000L > maxAckDelayMillis) {
            unacked.add(key);
            connecting.remove(key);
        } else if (!unacked.contains(key)) {
            connecting.add(key);
        }
    }

    int count() {
        return unacked.size();
    }

    int connecting() {
        return connecting.size();
    }

    long analyzedPackets() {
        return analyzed.sum();
    }

    /** A heartbeat succeeded: the analysis starts over. */
    void clear() {
        connecting.clear();
        unacked.clear();
        analyzed.reset();
    }
}
