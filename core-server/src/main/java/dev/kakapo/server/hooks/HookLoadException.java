package dev.kakapo.server.hooks;

/** A configured hook library could not be loaded; the message says which and why. */
public final class HookLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public HookLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
