package dev.kakapo.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands from tests, bounded in time, with their output captured. */
public final class Commands {

    /**
     * What a finished command did.
     *
     * @param exitCode its exit status
     * @param output   stdout and stderr together
     */
    public record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    /** Runs {@code command} to completion, killing it after {@code timeoutSeconds}. */
    public static Result run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("kakapo-cmd", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs {@code command} and fails when it exits non-zero. */
    public static String check(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Result result = run(timeoutSeconds, List.of(command));
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", name)) || Files.isExecutable(Path.of("/sbin", name));
    }

    /** Whether this JVM runs as root (network namespaces need it). */
    public static boolean isRoot() {
        try {
            return "0".equals(check(5, "id", "-u").trim());
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
