package dev.kakapo.server.classify;

/** A {@code test} expression that does not parse, or that names a class it may not use. */
public final class ExpressionSyntaxException extends Exception {

    private final int position;

    ExpressionSyntaxException(int position, String message) {
        super("at character " + (position + 1) + ": " + message);
        this.position = position;
    }

    /** The offset into the expression text, from 0, where the problem was found. */
    public int position() {
        return position;
    }
}
