package dev.kakapo.server.config;

/**
 * One error or warning about a configuration, placed by JSON path and by line and column:
 * {@code Dhcp4.subnet4[1].pools[0].pool (line 97, column 30): range end 172.28.0.2 is before its start 172.28.0.219}.
 *
 * @param severity whether the configuration is refused for it
 * @param path     the JSON path of the value, such as {@code Dhcp4.subnet4[1].id}
 * @param location where the value starts in the file
 * @param message  what is wrong, in a sentence an operator can act on
 */
public record ConfigProblem(Severity severity, String path, SourceLocation location, String message) {

    /** How serious a problem is. */
    public enum Severity {
        /** The configuration is refused. */
        ERROR,
        /** The configuration is accepted, but the operator should know. */
        WARNING
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + " ") + "(" + location + "): " + message;
    }
}
