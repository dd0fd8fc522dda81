package dev.kakapo.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** bin/kakapo-dhcp4 -c started as an operator starts it, inside a test's namespace. */
public final class KakapoProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private KakapoProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The project's root, from the jvm.options path Maven passes to tests (null outside Maven). */
    public static Path projectRoot() {
        String options = System.getProperty("kakapo.jvm.options");
        return options == null ? null : Path.of(options).getParent();
    }

    /** Starts the server on {@code config} in {@code ns} and waits until it serves (or fails). */
    public static KakapoProcess start(Netns ns, Path config, Path log, String... extraArgs) throws IOException, InterruptedException {
        return start(ns, config, log, List.of(), extraArgs);
    }

    /**
     * Starts the server as {@link #start(Netns, Path, Path, String...)} does, its command line
     * behind {@code prefix} (a wrapper that execs it, such as {@code faketime -f +35s}).
     */
    public static KakapoProcess start(Netns ns, Path config, Path log, List<String> prefix, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(projectRoot().resolve("bin/kakapo-dhcp4").toString());
        command.add("-c");
        command.add(config.toString());
        command.addAll(List.of(extraArgs));
        KakapoProcess server = new KakapoProcess(ns.spawn(log, command.toArray(new String[0])), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.log().contains("kakapo-dhcp4: serving")) {
            if (!server.process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("kakapo-dhcp4 did not start:\n" + server.log());
            }
            Thread.sleep(50);
        }
        return server;
    }

    /** What the server wrote so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The JVM's PID (the launcher and {@code ip netns exec} exec into it). */
    public long pid() {
        return process.pid();
    }

    /** Kills the server with SIGKILL, as a crash would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the server with SIGTERM and waits for its clean shutdown; returns its exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    /** Waits up to {@code seconds} for the server to exit on its own; returns its exit status, or -1 when it did not. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
