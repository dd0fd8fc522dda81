package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.BufferReceiveContext;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.Objects;

/** The context of {@code buffer4_receive}. */
public final class ReceivedBuffer extends DatagramBytes implements BufferReceiveContext {

    private DhcpPacket decoded;
    private final Ipv4Address source;
    private final String interfaceName;

    /** The first {@code length} bytes of {@code data} (copied), from {@code source} in on {@code interfaceName}. */
    public ReceivedBuffer(byte[] data, int length, Ipv4Address source, String interfaceName) {
        super(data, length);
        this.source = source;
        this.interfaceName = interfaceName;
    }

    @Override
    public void query(DhcpPacket packet) {
        this.decoded = Objects.requireNonNull(packet);
    }

    /** The packet a callout decoded, or null. */
    public DhcpPacket decoded() {
        return decoded;
    }

    @Override
    public Ipv4Address sourceAddress() {
        return source;
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }
}
