package dev.kakapo.api.lease;

/** The state of a lease, with Kea's numbers (the {@code state} field of its lease commands and files). */
public enum LeaseState {
    /** 0: assigned to a client, or expired and not yet reclaimed. */
    DEFAULT(0),
    /** 1: the client found the address in use; kept out of use for the decline probation period. */
    DECLINED(1),
    /** 2: expired and reclaimed; kept for a while so a returning client can get its address back. */
    EXPIRED_RECLAIMED(2),
    /** 3: released by the client and kept for it (Kea 2.7 and later). */
    RELEASED(3),
    /** 4: registered, not allocated (DHCPv6 in practice). */
    REGISTERED(4);

    private final int code;

    LeaseState(int code) {
        this.code = code;
    }

    /** Kea's number for the state. */
    public int code() {
        return code;
    }

    /**
     * The state for Kea's number.
     *
     * @throws IllegalArgumentException for a number Kea does not define
     */
    public static LeaseState ofCode(int code) {
        for (LeaseState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("lease state " + code + " is not one of Kea's 0 to 4");
    }

    /** Whether an address in this state may be given to a new client (once expired, for DEFAULT). */
    public boolean isReusable() {
        return this == EXPIRED_RECLAIMED || this == RELEASED;
    }
}
