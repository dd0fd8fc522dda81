package dev.kakapo.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test creates and deletes: the only place tests send packets besides
 * loopback. Addresses inside come from 198.18.0.0/15 (or the namespace's own 127/8).
 */
public final class Netns implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final List<Process> started = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
    }

    /** Creates a namespace with its loopback up. */
    public static Netns create(String purpose) throws IOException, InterruptedException {
        String name = "kk-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Commands.check(10, "ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** Whether this machine lets tests make namespaces (root, iproute2). */
    public static boolean available() {
        return Commands.isRoot() && Commands.onPath("ip");
    }

    public String name() {
        return name;
    }

    /** Runs a command inside, failing on a non-zero exit. */
    public String exec(String... command) throws IOException, InterruptedException {
        return Commands.check(30, inside(command).toArray(new String[0]));
    }

    /** Runs a command inside and returns its result, whatever the exit status. */
    public Commands.Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return Commands.run(timeoutSeconds, inside(command));
    }

    /** Starts a command inside in the background, output to {@code log}; stopped by {@link #close()} if still running. */
    public Process spawn(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(inside(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        return process;
    }

    /** The command prefixed to run inside this namespace. */
    public List<String> inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    /** Connects this namespace to {@code other} with a veth pair named {@code here}/{@code there}. */
    public void link(String here, Netns other, String there) throws IOException, InterruptedException {
        Commands.check(10, "ip", "link", "add", here, "netns", name, "type", "veth", "peer", "name", there, "netns", other.name);
        exec("ip", "link", "set", here, "up");
        other.exec("ip", "link", "set", there, "up");
    }

    /** Stops what the test started inside (by PID), then deletes the namespace and its links. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
        }
        Commands.run(10, List.of("ip", "netns", "delete", name));
    }
}
