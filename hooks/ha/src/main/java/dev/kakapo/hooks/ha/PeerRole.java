package dev.kakapo.hooks.ha;

/** A peer's part in its relationship (Kea's {@code role}). */
enum PeerRole {
    PRIMARY, SECONDARY, STANDBY, BACKUP;

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static PeerRole of(String text) {
        for (PeerRole role : values()) {
            if (role.wireName().equals(text)) {
                return role;
            }
        }
        return null;
    }
}
