package dev.kakapo.api.packet;

/** Thrown when a packet cannot be written in the space allowed, even with option overload. */
public final class DhcpEncodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a sentence saying what did not fit. */
    public DhcpEncodeException(String message) {
        super(message);
    }
}
