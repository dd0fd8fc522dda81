package dev.kakapo.server.lease;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Compacts a store's journal on a thread of its own when it is due: when the journal has grown
 * past {@link Policy#minBytes} and {@link Policy#snapshotMultiple} times the snapshot (so the
 * replay at start-up stays within a few times the live leases), when {@code lfc-interval} has
 * passed since the last compaction with anything written (Kea's lease file cleanup interval), or
 * at once when a failed write left the journal unusable.
 */
final class LeaseCompactor implements AutoCloseable {

    /**
     * When compaction is due.
     *
     * @param minBytes         journal bytes below which size alone never makes it due
     * @param snapshotMultiple journal bytes, as a multiple of the snapshot's, that make it due
     * @param intervalSeconds  {@code lfc-interval}: seconds after which any journal makes it due; 0 for never
     */
    record Policy(long minBytes, long snapshotMultiple, long intervalSeconds) {

        /** 64 MiB or twice the snapshot, and Kea's interval. */
        static Policy of(long intervalSeconds) {
            return new Policy(64L << 20, 2, intervalSeconds);
        }

        boolean due(long journalBytes, long snapshotBytes, long nanosSinceLast) {
            if (journalBytes <= 0) {
                return false;
            }
            if (journalBytes >= Math.max(minBytes, snapshotMultiple * snapshotBytes)) {
                return true;
            }
            return intervalSeconds > 0 && nanosSinceLast >= TimeUnit.SECONDS.toNanos(intervalSeconds);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaseCompactor.class);
    private static final long CHECK_MILLIS = 1000;
    /** After a failure (a full disk, say), the wait before the next try. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LeaseJournal journal;
    private final LeaseJournal.Contents contents;
    private volatile Policy policy;
    private final LongSupplier nanoTime;
    private final Thread thread;
    private volatile boolean closed;
    private long lastCompaction;
    private long lastFailure;
    private boolean failedBefore;

    LeaseCompactor(LeaseJournal journal, LeaseJournal.Contents contents, Policy policy, LongSupplier nanoTime) {
        this.journal = journal;
        this.contents = contents;
        this.policy = policy;
        this.nanoTime = nanoTime;
        this.lastCompaction = nanoTime.getAsLong();
        this.thread = new Thread(this::run, "kakapo-lease-compactor");
        thread.setDaemon(true);
    }

    /** Compacts by {@code next} from now on (a new configuration's {@code lfc-interval}). */
    void policy(Policy next) {
        policy = next;
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            compactIfDue();
        }
    }

    /** Compacts when the policy says so; a failure is logged and tried again later. */
    void compactIfDue() {
        long now = nanoTime.getAsLong();
        if (failedBefore && now - lastFailure < RETRY_NANOS && !journal.broken()) {
            return;
        }
        if (!journal.broken() && !policy.due(journal.journalBytes(), journal.snapshotBytes(), now - lastCompaction)) {
            return;
        }
        try {
            journal.compact(contents);
            lastCompaction = nanoTime.getAsLong();
            failedBefore = false;
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return;
            }
            lastFailure = nanoTime.getAsLong();
            failedBefore = true;
            LOG.error("LEASE_COMPACTION_FAILED in {}: {}; the leases are safe in the old snapshot and the journals, "
                    + "the next try is in {} s", journal.directory(), e.toString(), TimeUnit.NANOSECONDS.toSeconds(RETRY_NANOS));
        }
    }

    /** Stops the thread, waiting for a compaction under way to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
