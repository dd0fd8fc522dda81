package dev.kakapo.api.hooks;

/**
 * The context of {@link HookPoint#HOST4_IDENTIFIER}: the server asks for a flexible identifier
 * ({@code flex-id} in {@code host-reservation-identifiers}) to look the client's reservation up by.
 */
public interface HostIdentifierContext extends ClientPacketContext {

    /** Sets the identifier, matched against reservations' {@code flex-id}. */
    void identifier(byte[] value);
}
