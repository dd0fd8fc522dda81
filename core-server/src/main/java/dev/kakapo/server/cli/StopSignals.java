package dev.kakapo.server.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop, so that the server closes cleanly and the
 * command exits with status 0, as {@code kea-dhcp4} does (a plain JVM would exit 143); and
 * SIGHUP into a reload of the configuration file, as Kea does (systemd's {@code ExecReload}).
 */
final class StopSignals {

    private StopSignals() {
    }

    static void install(Runnable stop, Runnable reload) {
        for (String name : new String[] {"TERM", "INT"}) {
            handle(name, stop);
        }
        handle("HUP", reload);
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), signal -> action.run());
        } catch (IllegalArgumentException e) {
            // the platform lacks this signal (or the JVM keeps it); the shutdown hook still closes the server
        }
    }
}
