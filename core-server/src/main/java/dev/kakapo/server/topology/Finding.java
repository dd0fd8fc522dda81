package dev.kakapo.server.topology;

import java.nio.file.Path;

/**
 * Something in a deployment that does not fit together, where it was found.
 *
 * @param file    the configuration file
 * @param path    the JSON path in it
 * @param message what does not fit, and with what
 */
public record Finding(Path file, String path, String message) {

    @Override
    public String toString() {
        return file + ": " + path + ": " + message;
    }
}
