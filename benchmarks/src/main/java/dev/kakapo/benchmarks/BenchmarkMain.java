package dev.kakapo.benchmarks;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks with JMH's usual command line, adding the JVM flags of jvm.options (the
 * build copies that file into this jar) to every fork and writing results as JSON unless told
 * otherwise.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Runs JMH.
     *
     * @param args JMH's command-line options, such as a benchmark regex or {@code -f 1}
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(commandLine);
        builder.jvmArgsPrepend(jvmOptions().toArray(new String[0]));
        if (commandLine.getResult().hasValue() || commandLine.getResultFormat().hasValue()) {
            new Runner(builder.build()).run();
            return;
        }
        Options options = builder.resultFormat(ResultFormatType.JSON).result("target/jmh-result.json").build();
        new Runner(options).run();
    }

    /** The flags of jvm.options, comments and blank lines left out. */
    static List<String> jvmOptions() {
        InputStream in = BenchmarkMain.class.getResourceAsStream("jvm.options");
        if (in == null) {
            throw new IllegalStateException("jvm.options is missing from the benchmarks jar; build it with mvn package");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
