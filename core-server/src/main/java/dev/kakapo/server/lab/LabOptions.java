package dev.kakapo.server.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The options of {@code kakapo lab}.
 *
 * @param files          the deployment's configurations (default: the seed article's five)
 * @param kill           the label of the server to kill (a file name without {@code .json})
 * @param rate           DHCP exchanges per second over all subnets
 * @param seconds        how long each phase of the story runs
 * @param port           the DHCP port the servers listen on and the load is sent to
 * @param dir            where the mapped configurations, leases and logs go (null: a temporary directory)
 * @param keep           keep that directory afterwards
 * @param articleTimers  keep the configurations' HA timers (Kea's defaults: about a minute to fail over)
 */
record LabOptions(List<Path> files, String kill, double rate, int seconds, int port, Path dir, boolean keep,
                  boolean articleTimers) {

    /** What {@code kakapo lab --help} prints. */
    static final String USAGE = String.join("\n",
            "usage: kakapo lab [--kill SERVER] [--rate N] [--duration SECONDS] [--port N] [--dir DIR] [--keep]",
            "                  [--article-timers] [FILE...]",
            "  Runs a deployment (default: the seed article's five servers, examples/kea-configs/seed) on loopback,",
            "  loads every subnet with Kakapo's own DHCP load generator, kills SERVER (default kea-2) and restarts it.",
            "  --kill SERVER       the server to kill: a file name without .json (kea-1 ... kea-4, kea-backup)",
            "  --rate N            DHCP exchanges per second over all subnets (default 150)",
            "  --duration SECONDS  length of each phase: load, outage, after the restart (default 8)",
            "  --port N            the DHCP port of the servers (default 10067; 67 needs root)",
            "  --dir DIR           keep configurations, leases and logs in DIR (implies --keep)",
            "  --keep              keep the lab's directory afterwards",
            "  --article-timers    keep the configurations' HA timers (Kea's defaults fail over after about a minute)");

    /**
     * Parses {@code args}; {@code home} is the project's directory, where the default files are.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    static LabOptions parse(List<String> args, Path home) {
        List<Path> files = new ArrayList<>();
        String kill = "kea-2";
        double rate = 150;
        int seconds = 8;
        int port = 10067;
        Path dir = null;
        boolean keep = false;
        boolean articleTimers = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--kill" -> kill = value(args, ++i, arg);
                case "--rate" -> rate = number(value(args, ++i, arg), arg, 1, 100_000);
                case "--duration" -> seconds = (int) number(value(args, ++i, arg), arg, 1, 3600);
                case "--port" -> port = (int) number(value(args, ++i, arg), arg, 1, 65535);
                case "--dir" -> {
                    dir = Path.of(value(args, ++i, arg));
                    keep = true;
                }
                case "--keep" -> keep = true;
                case "--article-timers" -> articleTimers = true;
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (files.isEmpty()) {
            Path seed = home.resolve("examples/kea-configs/seed");
            try (Stream<Path> listed = Files.list(seed)) {
                listed.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("no files given and the seed configurations are not in " + seed);
            }
        }
        return new LabOptions(List.copyOf(files), kill, rate, seconds, port, dir, keep, articleTimers);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(i);
    }

    private static double number(String text, String option, double min, double max) {
        try {
            double value = Double.parseDouble(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number from " + (long) min + " to " + (long) max + ", not '" + text + "'");
        }
    }
}
