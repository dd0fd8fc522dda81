package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.HostIdentifierContext;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.Objects;

/** The context of {@code host4_identifier}. */
public final class FlexIdentifier extends QueryView implements HostIdentifierContext {

    private byte[] identifier;

    /** The request for {@code query}'s flexible identifier. */
    public FlexIdentifier(DhcpPacket query, Ipv4Address source, String interfaceName) {
        super(query, source, interfaceName);
    }

    @Override
    public void identifier(byte[] value) {
        identifier = Objects.requireNonNull(value).clone();
    }

    /** The identifier a callout set, or null. */
    public byte[] identifier() {
        return identifier;
    }
}
