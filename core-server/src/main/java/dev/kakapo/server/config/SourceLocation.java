package dev.kakapo.server.config;

/**
 * Where a value starts in a configuration file, one-based as editors count.
 *
 * @param line   the line, from 1
 * @param column the column, from 1
 */
public record SourceLocation(int line, int column) {

    /** The location used when nothing better is known: the start of the file. */
    public static final SourceLocation START = new SourceLocation(1, 1);

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
