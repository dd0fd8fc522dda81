package dev.kakapo.api.hooks;

import java.util.concurrent.atomic.AtomicLong;

/** A statistic kept by the library alone, for handles that have no server to publish it. */
final class UnpublishedStatistic implements LibraryStatistic {

    private final AtomicLong value = new AtomicLong();

    @Override
    public void add(long delta) {
        value.addAndGet(delta);
    }

    @Override
    public void set(long newValue) {
        value.set(newValue);
    }

    @Override
    public long value() {
        return value.get();
    }
}
