package dev.kakapo.server.lab;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server of the lab: {@code kakapo-dhcp4 -c CONFIG -p PORT} in a JVM of its own, started with
 * the flags and class path of the JVM running the lab, its output in a log file.
 */
final class LabServer {

    private final Deployment.Server server;
    private final Path log;
    private final int dhcpPort;
    private final List<String> launcher;
    private Process process;

    LabServer(Deployment.Server server, Path log, int dhcpPort) {
        this(server, log, dhcpPort, List.of());
    }

    /** A server started through {@code launcher} (for example {@code ip netns exec NAME}), empty for none. */
    LabServer(Deployment.Server server, Path log, int dhcpPort, List<String> launcher) {
        this.server = server;
        this.log = log;
        this.dhcpPort = dhcpPort;
        this.launcher = List.copyOf(launcher);
    }

    Deployment.Server server() {
        return server;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the server and returns once it serves; throws with its log when it does not within a minute. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!argument.startsWith("-agentlib") && !argument.startsWith("-javaagent")) {
                command.add(argument);
            }
        }
        command.add("-cp");
        // Under Maven's test runners the class path is in this property; java.class.path names only a booter jar.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("dev.kakapo.server.cli.KakapoDhcp4");
        command.add("-c");
        command.add(server.config().toString());
        command.add("-p");
        command.add(Integer.toString(dhcpPort));
        long before = Files.exists(log) ? Files.size(log) : 0;
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!logSince(before).contains("kakapo-dhcp4: serving")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IOException(server.label() + " did not start; its log " + log + " says:\n" + logSince(before));
            }
            Thread.sleep(50);
        }
    }

    /** Kills the server as a crash would (SIGKILL), and waits until it is gone. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Kills the server without waiting, for a JVM that is shutting down. */
    void killQuietly() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Waits up to ten seconds for a killed server to be gone (its files closed). */
    void awaitGone() {
        if (process != null) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the server as an operator would (SIGTERM), killing it if it has not stopped after 20 s. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private String logSince(long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset));
    }
}
