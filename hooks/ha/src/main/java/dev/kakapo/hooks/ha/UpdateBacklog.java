package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;

/**
 * The lease updates a load-balancing server holds back in communication-recovery: at most
 * {@code delayed-updates-limit} of them in order; one more and the backlog is overflowed, which
 * costs a full resynchronisation once the partner is back.
 */
final class UpdateBacklog {

    /** One queued request. */
    record Update(String command, JsonNode arguments) {
    }

    private final long limit;
    private final ArrayDeque<Update> updates = new ArrayDeque<>();
    private boolean overflowed;

    UpdateBacklog(long limit) {
        this.limit = limit;
    }

    synchronized void add(String command, JsonNode arguments) {
        if (updates.size() >= limit) {
            overflowed = true;
            return;
        }
        updates.add(new Update(command, arguments));
    }

    synchronized Update poll() {
        return updates.poll();
    }

    synchronized boolean overflowed() {
        return overflowed;
    }

    synchronized void clear() {
        updates.clear();
        overflowed = false;
    }
}
