package dev.kakapo.examples.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.hooks.ParkedPacket;
import dev.kakapo.api.lease.Lease4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The journal's one writer: a thread that drains the queue, appends a line per lease, syncs the
 * file once per batch and then resumes (or, on failure, drops) the answers of the batch.
 */
final class JournalWriter implements AutoCloseable {

    private static final int MAX_BATCH = 4096;

    private final FileChannel file;
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    JournalWriter(Path path) throws IOException {
        this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.thread = new Thread(this::run, "lease-journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the leases of one answer; {@code hold} is resumed once they are on disk. */
    void enqueue(List<Lease4> written, List<Lease4> deleted, ParkedPacket hold) {
        if (!open) {
            hold.drop();
            throw new IllegalStateException("the journal is closed");
        }
        queue.add(new Entry(written, deleted, hold));
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean written = write(batch);
                for (Entry entry : batch) {
                    if (written) {
                        entry.hold.resume();
                    } else {
                        entry.hold.drop();
                    }
                }
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
        queue.forEach(entry -> entry.hold.drop());
    }

    private boolean write(List<Entry> batch) {
        StringBuilder lines = new StringBuilder();
        for (Entry entry : batch) {
            entry.written.forEach(lease -> lines.append(line("commit", lease)).append('\n'));
            entry.deleted.forEach(lease -> lines.append(line("delete", lease)).append('\n'));
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.force(false);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String line(String event, Lease4 lease) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("event", event);
        line.put("ip-address", lease.address().toString());
        line.put("hw-address", lease.hwAddress() == null ? "" : lease.hwAddress().toString());
        line.put("subnet-id", lease.subnetId());
        line.put("cltt", lease.cltt());
        line.put("valid-lft", lease.validLifetime());
        line.put("state", lease.state().code());
        return line.toString();
    }

    @Override
    public void close() {
        open = false;
        try {
            thread.join(5000);
            file.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // nothing more can be written anyway
        }
    }

    private record Entry(List<Lease4> written, List<Lease4> deleted, ParkedPacket hold) {
    }
}
