package dev.kakapo.server.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * One named statistic: a counter that many threads bump without contention, or a gauge that is
 * set. Remembers when it last changed, as Kea reports a time with each value.
 */
public final class Statistic {

    private final String name;
    private final LongAdder value = new LongAdder();
    private volatile long changedMillis = System.currentTimeMillis();
    private volatile boolean removed;

    Statistic(String name) {
        this.name = name;
    }

    /** Kea's name of the statistic. */
    public String name() {
        return name;
    }

    /** Adds one. */
    public void increment() {
        value.increment();
        changed();
    }

    /** Adds {@code delta} (negative to subtract). */
    public void add(long delta) {
        value.add(delta);
        changed();
    }

    /** Sets the value. */
    public synchronized void set(long newValue) {
        value.reset();
        value.add(newValue);
        changed();
    }

    /** Hides the statistic (statistic-remove) until it next changes, as Kea recreates a removed statistic on its next event. */
    synchronized void remove() {
        value.reset();
        removed = true;
    }

    /** Whether the statistic was removed and has not changed since. */
    boolean removed() {
        return removed;
    }

    private void changed() {
        changedMillis = System.currentTimeMillis();
        removed = false;
    }

    /** The current value. */
    public long get() {
        return value.sum();
    }

    /** When the value last changed, in milliseconds since the epoch. */
    public long changedMillis() {
        return changedMillis;
    }

    @Override
    public String toString() {
        return name + "=" + get();
    }
}
