package dev.kakapo.benchmarks;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up with a large lease store: replaying a persisted store of {@code leases} leases (its
 * snapshot and journal, as the writes and the background compaction left them) and rebuilding
 * its on-heap indexes, as the server does before it answers anyone. Each lease has a hardware
 * address, a client id and a host name, so every index is filled; every lease is written twice
 * (a grant and a renewal), so the journal holds updates as a running server's does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class LeaseStoreOpenBenchmark {

    /** How many leases the file holds. */
    @Param("1000000")
    public int leases;

    private Path directory;
    private Path file;

    /** Writes the lease file once for the whole run. */
    @Setup(Level.Trial)
    public void writeLeaseFile() throws IOException {
        directory = Files.createTempDirectory("kakapo-open-bench");
        file = directory.resolve("leases4.csv.kakapo");
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(file, leases, 0)) {
            for (int renewal = 0; renewal < 2; renewal++) {
                for (int i = 0; i < leases; i++) {
                    int address = 0x0A000000 + i;
                    byte[] mac = {2, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
                    store.put(new Lease4(Ipv4Address.of(address), HardwareAddress.of(1, mac), mac, 3600,
                            1_700_000_000L + i % 3600 + renewal * 1800, 1, false, false, "host-" + i, LeaseState.DEFAULT, null, 0));
                }
            }
        }
    }

    /** Removes the lease file. */
    @TearDown(Level.Trial)
    public void removeLeaseFile() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Opens the store, indexes every lease, and closes it again. */
    @Benchmark
    public long openAndIndex() {
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(file, leases, 0)) {
            return store.size();
        }
    }
}
