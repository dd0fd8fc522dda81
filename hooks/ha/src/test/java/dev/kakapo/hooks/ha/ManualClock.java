package dev.kakapo.hooks.ha;

import java.time.Instant;

/** A clock that moves only when the test moves it. */
final class ManualClock implements HaClock {

    private long nanos = 1_000_000_000L;
    private Instant wall = Instant.parse("2026-12-07T12:00:00Z");

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return wall;
    }

    /** Moves both clocks on by {@code millis}. */
    synchronized void advance(long millis) {
        nanos += millis * 1_000_000L;
        wall = wall.plusMillis(millis);
    }
}
