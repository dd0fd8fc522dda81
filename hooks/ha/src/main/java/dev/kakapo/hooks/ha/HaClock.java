package dev.kakapo.hooks.ha;

import java.time.Instant;

/** The clocks a relationship reads, injected so that its rules run in tests without waiting. */
interface HaClock {

    /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanos();

    /** The wall clock, which partners compare with theirs (clock skew). */
    Instant now();

    /** The machine's clocks. */
    HaClock SYSTEM = new HaClock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    };
}
