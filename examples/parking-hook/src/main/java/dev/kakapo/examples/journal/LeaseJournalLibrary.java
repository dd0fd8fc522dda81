package dev.kakapo.examples.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LeasesCommittedContext;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.NextStep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Parking, by example: every REQUEST, RELEASE and DECLINE's committed leases are written to a
 * journal (one JSON line per lease) by a background thread, and the answer waits, parked in
 * {@code leases4_committed}, until its lines are on disk. The writer takes whatever has queued
 * up, writes it and syncs once for all of it (a group commit), then resumes every answer of the
 * batch from its own thread. When the write fails the answers are dropped: no DHCPACK leaves
 * whose lease is not in the journal.
 *
 * <pre>
 * "hooks-libraries": [{
 *     "library": "/opt/kakapo/hooks/kakapo-example-lease-journal.jar",
 *     "parameters": {"file": "/var/lib/kakapo/lease-journal.jsonl"}
 * }]
 * </pre>
 */
public final class LeaseJournalLibrary implements HookLibrary {

    private JournalWriter writer;

    /** Made by the server for each configuration that names the library. */
    public LeaseJournalLibrary() {
    }

    @Override
    public String name() {
        return "lease-journal";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    /** The callout only queues; the writer thread is the only one touching the file. */
    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }

    @Override
    public void load(LibraryHandle handle) throws IOException {
        JsonNode file = handle.parameters().get("file");
        if (file == null || !file.isTextual()) {
            throw new IllegalArgumentException("parameter 'file' (the journal's path) is required");
        }
        writer = new JournalWriter(Path.of(file.asText()));
        handle.callout(HookPoint.LEASES4_COMMITTED, this::committed);
    }

    private NextStep committed(LeasesCommittedContext context) {
        if (context.leases().isEmpty() && context.deletedLeases().isEmpty()) {
            return NextStep.CONTINUE;
        }
        try {
            writer.enqueue(context.leases(), context.deletedLeases(), context.park());
        } catch (UncheckedIOException | IllegalStateException e) {
            return NextStep.DROP; // the journal is closed or broken: no answer without a journal line
        }
        return NextStep.PARK;
    }

    /** Stops the writer; answers still queued are dropped. */
    @Override
    public void unload() {
        if (writer != null) {
            writer.close();
        }
    }
}
