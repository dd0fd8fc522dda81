package dev.kakapo.server.cli;

import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ConfigProblem;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.server.lab.Lab;
import dev.kakapo.server.topology.Finding;
import dev.kakapo.server.topology.TopologyCheck;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code kakapo}: tools for a whole deployment. {@code kakapo topology check FILE...} reads the
 * configurations of all servers, draws the relationships as text and reports, with the file and
 * JSON path, what does not fit together; exit status 0 when nothing, 1 otherwise.
 * {@code kakapo lab} runs a deployment (the seed article's by default) on loopback, kills and
 * restarts one of its servers under load, and reports what was lost (exit status 0: nothing).
 */
public final class Kakapo {

    static final String USAGE = "usage: kakapo topology check [--svg PICTURE.svg] FILE...\n"
            + "       kakapo lab [OPTIONS] [FILE...]   (kakapo lab --help)";

    private final PrintStream out;
    private final PrintStream err;

    /** The command writing to the given streams (tests pass their own). */
    public Kakapo(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(new Kakapo(System.out, System.err).run(args));
    }

    /** Runs the command and returns its exit status. */
    public int run(String... args) {
        List<String> words = Arrays.asList(args);
        if (!words.isEmpty() && words.get(0).equals("lab")) {
            if (words.contains("--help")) {
                out.println(Lab.usage());
                return 0;
            }
            return Lab.run(words.subList(1, words.size()), Path.of(System.getProperty("kakapo.home", ".")), out, err);
        }
        if (words.size() < 3 || !words.get(0).equals("topology") || !words.get(1).equals("check")) {
            err.println(USAGE);
            return 2;
        }
        List<Path> files = new ArrayList<>();
        Path picture = null;
        List<String> rest = words.subList(2, words.size());
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--svg")) {
                if (i + 1 >= rest.size()) {
                    err.println(USAGE);
                    return 2;
                }
                picture = Path.of(rest.get(++i));
            } else {
                files.add(Path.of(rest.get(i)));
            }
        }
        if (files.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        TopologyCheck check;
        try {
            check = TopologyCheck.of(files, HookLibraryCatalog.fromClassPath());
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.errors()) {
                err.println("ERROR " + problem);
            }
            return 1;
        }
        out.print(check.drawing());
        if (picture != null) {
            try {
                Files.writeString(picture, check.svg());
                out.println("drawn in " + picture);
            } catch (IOException e) {
                err.println("ERROR cannot write " + picture + ": " + e.getMessage());
                return 1;
            }
        }
        List<Finding> findings = check.findings();
        for (Finding finding : findings) {
            out.println("MISMATCH " + finding);
        }
        out.println(findings.isEmpty() ? files.size() + " configurations fit together"
                : findings.size() + (findings.size() == 1 ? " thing does" : " things do") + " not fit together");
        return findings.isEmpty() ? 0 : 1;
    }
}
