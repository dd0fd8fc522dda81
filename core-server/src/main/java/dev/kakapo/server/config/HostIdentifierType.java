package dev.kakapo.server.config;

import java.util.Optional;

/** The kinds of client identifier a host reservation can be keyed on, by Kea's names. */
public enum HostIdentifierType {
    /** The client's hardware address ({@code chaddr}). */
    HW_ADDRESS("hw-address"),
    /** A DHCPv6 DUID carried in the client identifier (RFC 4361). */
    DUID("duid"),
    /** The relay agent's circuit id (option 82, sub-option 1). */
    CIRCUIT_ID("circuit-id"),
    /** The client identifier (option 61). */
    CLIENT_ID("client-id"),
    /** An identifier computed by an expression (Kea's flex_id hook). */
    FLEX_ID("flex-id");

    private final String keaName;

    HostIdentifierType(String keaName) {
        this.keaName = keaName;
    }

    /** The name in Kea's configuration. */
    public String keaName() {
        return keaName;
    }

    /** Looks a type up by its Kea name. */
    public static Optional<HostIdentifierType> fromKeaName(String name) {
        for (HostIdentifierType type : values()) {
            if (type.keaName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keaName;
    }
}
