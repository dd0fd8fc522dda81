package dev.kakapo.server.net;

/** Names for the errno values a datagram socket's calls report, for log lines. */
final class Errno {

    private Errno() {
    }

    /** {@code errno} with its symbolic name where it is one a UDP socket reports, e.g. "EPERM (1)". */
    static String describe(int errno) {
        String name = switch (errno) {
            case 1 -> "EPERM";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 13 -> "EACCES";
            case 22 -> "EINVAL";
            case 90 -> "EMSGSIZE";
            case 101 -> "ENETUNREACH";
            case 105 -> "ENOBUFS";
            case 107 -> "ENOTCONN";
            case 111 -> "ECONNREFUSED";
            case 113 -> "EHOSTUNREACH";
            default -> "errno";
        };
        return name + " (" + errno + ")";
    }
}
