package dev.kakapo.server.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop, so that the server closes cleanly and the
 * command exits with status 0, as {@code kea-dhcp4} does (a plain JVM would exit 143).
 */
final class StopSignals {

    private StopSignals() {
    }

    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException e) {
                // the platform lacks this signal; the shutdown hook still closes the server
            }
        }
    }
}
