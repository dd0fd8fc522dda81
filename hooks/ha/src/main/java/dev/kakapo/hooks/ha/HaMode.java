package dev.kakapo.hooks.ha;

/** How a relationship's servers share the clients (Kea's {@code mode}). */
enum HaMode {
    LOAD_BALANCING("load-balancing"),
    HOT_STANDBY("hot-standby"),
    PASSIVE_BACKUP("passive-backup");

    private final String wireName;

    HaMode(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static HaMode of(String text) {
        for (HaMode mode : values()) {
            if (mode.wireName.equals(text)) {
                return mode;
            }
        }
        return null;
    }
}
