package dev.kakapo.api.options;

/** Thrown when option data text does not match its option definition; the message says why. */
public final class OptionDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a sentence naming the value and what is wrong with it. */
    public OptionDataException(String message) {
        super(message);
    }
}
