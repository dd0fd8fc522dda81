package dev.kakapo.hooks.ha;

/** The states of Kea's HA state machine, with their wire names. */
enum HaState {
    WAITING("waiting"),
    SYNCING("syncing"),
    READY("ready"),
    LOAD_BALANCING("load-balancing"),
    HOT_STANDBY("hot-standby"),
    COMMUNICATION_RECOVERY("communication-recovery"),
    PARTNER_DOWN("partner-down"),
    PARTNER_IN_MAINTENANCE("partner-in-maintenance"),
    IN_MAINTENANCE("in-maintenance"),
    PASSIVE_BACKUP("passive-backup"),
    BACKUP("backup"),
    TERMINATED("terminated"),
    /** Only ever the partner's: communication with it failed. */
    UNAVAILABLE("unavailable");

    private final String wireName;

    HaState(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** The state of this wire name, or null for a name Kea does not have. */
    static HaState of(String text) {
        for (HaState state : values()) {
            if (state.wireName.equals(text)) {
                return state;
            }
        }
        return null;
    }

    /** Whether this server answers DHCP in this state (its own network state is enabled). */
    boolean serving() {
        switch (this) {
            case LOAD_BALANCING:
            case HOT_STANDBY:
            case COMMUNICATION_RECOVERY:
            case PARTNER_DOWN:
            case PARTNER_IN_MAINTENANCE:
            case PASSIVE_BACKUP:
            case TERMINATED:
                return true;
            default:
                return false;
        }
    }
}
