package dev.kakapo.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /**
     * Files that {@code ip netns exec} mounts over their namesakes in /etc for what runs inside.
     * A DHCP client's hooks (dhcpcd's run with its defaults) write the DNS servers they were
     * given into /etc/resolv.conf: without a file of the namespace's own there, they would
     * overwrite the host's.
     */
    private static final Path ETC_NETNS = Path.of("/etc/netns");

    /** Creates a namespace with its loopback up and a resolv.conf of its own. */
    public static Netns create(String purpose) throws IOException, InterruptedException {
        String name = "kk-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Path etc = Files.createDirectories(ETC_NETNS.resolve(name));
        Files.writeString(etc.resolve("resolv.conf"), "# resolv.conf of the test namespace " + name + "\n");
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

    /**
     * Stops what the test started inside (by PID), then kills whatever those left running inside
     * (dhcpcd's privilege-separation proxies outlive their manager and ignore SIGTERM), then
     * deletes the namespace and its links.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Process process : started) {
            stop(process.toHandle());
        }
        for (ProcessHandle leftover : processesInside()) {
            leftover.destroyForcibly();
            exited(leftover, 5);
        }
        Commands.run(10, List.of("ip", "netns", "delete", name));
        Files.deleteIfExists(ETC_NETNS.resolve(name).resolve("resolv.conf"));
        Files.deleteIfExists(ETC_NETNS.resolve(name));
    }

    /** The processes in this namespace, all of them descended from what the test ran inside. */
    private List<ProcessHandle> processesInside() throws IOException, InterruptedException {
        List<ProcessHandle> inside = new ArrayList<>();
        for (String pid : Commands.run(10, List.of("ip", "netns", "pids", name)).output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(inside::add);
            }
        }
        return inside;
    }

    private static void stop(ProcessHandle process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!exited(process, 10)) {
                process.destroyForcibly();
                exited(process, 5);
            }
        }
    }

    private static boolean exited(ProcessHandle process, int seconds) throws InterruptedException {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
