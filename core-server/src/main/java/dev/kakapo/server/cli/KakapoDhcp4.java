package dev.kakapo.server.cli;

import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ConfigProblem;
import dev.kakapo.server.config.KeaConfigLoader;
import dev.kakapo.server.config.LoadedConfig;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.server.lease.LeaseStores;
import dev.kakapo.server.logging.KeaLoggers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code kakapo-dhcp4}: the server's command, with {@code kea-dhcp4}'s flags. Exit status 0 on
 * success, 1 on any error, as Kea.
 */
public final class KakapoDhcp4 {

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the command writing to the given streams (tests pass their own). */
    public KakapoDhcp4(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(new KakapoDhcp4(System.out, System.err).run(args));
    }

    /** Runs the command and returns its exit status. */
    public int run(String... args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            err.println("kakapo-dhcp4: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return 1;
        }
        if (commandLine.debug()) {
            System.setProperty("kakapo.log.level", "DEBUG");
        }
        HookLibraryCatalog catalog = HookLibraryCatalog.fromClassPath();
        switch (commandLine.action()) {
            case VERSION:
                out.println(VersionReport.version());
                return 0;
            case EXTENDED_VERSION:
                out.println(VersionReport.extended(catalog));
                return 0;
            case CHECK:
                return check(catalog, Path.of(commandLine.configFile()));
            case RUN:
                return runServer(catalog, commandLine);
            default:
                throw new IllegalStateException("unhandled action " + commandLine.action());
        }
    }

    private int check(HookLibraryCatalog catalog, Path file) {
        LoadedConfig loaded = load(catalog, file, KeaConfigLoader.Mode.CHECK);
        if (loaded == null) {
            return 1;
        }
        out.println(file + ": configuration seems sane: " + loaded.config().subnets().size() + " subnets, "
                + loaded.config().hooksLibraries().size() + " hook libraries, " + loaded.warnings().size() + " warnings");
        return 0;
    }

    private int runServer(HookLibraryCatalog catalog, CommandLine commandLine) {
        LeaseStores.prepareInBackground();
        Path file = Path.of(commandLine.configFile());
        LoadedConfig loaded = load(catalog, file, KeaConfigLoader.Mode.SERVE);
        if (loaded == null) {
            return 1;
        }
        // SIGTERM and SIGINT stop the server cleanly and the command exits 0, as kea-dhcp4 does; the
        // shutdown command stops it the same way, with the exit value it names. The shutdown hook
        // covers an exit for any other reason.
        // Kea configures its loggers first, so that what follows goes where the configuration says.
        KeaLoggers.apply(loaded.config().loggers(), commandLine.debug());
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicInteger exitValue = new AtomicInteger();
        Dhcp4Server server;
        try {
            server = Dhcp4Server.builder().config(loaded.config()).configFile(file).hooks(catalog)
                    .serverPort(commandLine.serverPort()).clientPort(commandLine.clientPort())
                    .onConfigured(applied -> KeaLoggers.apply(applied.loggers(), commandLine.debug()))
                    .onShutdown(value -> {
                        exitValue.set(value);
                        stopRequested.countDown();
                    }).start();
        } catch (IOException | ConfigException | RuntimeException e) {
            err.println("kakapo-dhcp4: cannot start: " + e.getMessage());
            return 1;
        }
        Dhcp4Server serving = server;
        StopSignals.install(stopRequested::countDown, () -> {
            CommandAnswer answer = serving.execute(new CommandRequest("config-reload", null));
            err.println("kakapo-dhcp4: SIGHUP: " + answer.text());
        });
        Thread hook = new Thread(server::close, "kakapo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("kakapo-dhcp4: serving " + file + " on " + server.listeners());
        try {
            stopRequested.await();
            // Let the answer to a shutdown command leave before the sockets close.
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        Runtime.getRuntime().removeShutdownHook(hook);
        return exitValue.get();
    }

    private LoadedConfig load(HookLibraryCatalog catalog, Path file, KeaConfigLoader.Mode mode) {
        try {
            LoadedConfig loaded = new KeaConfigLoader(catalog, mode).load(file);
            for (ConfigProblem warning : loaded.warnings()) {
                err.println("WARN  " + file + ": " + warning);
            }
            return loaded;
        } catch (ConfigException e) {
            for (ConfigProblem error : e.errors()) {
                err.println("ERROR " + file + ": " + error);
            }
            err.println(file + ": configuration refused: " + e.errors().size() + (e.errors().size() == 1 ? " error" : " errors"));
            return null;
        }
    }
}
