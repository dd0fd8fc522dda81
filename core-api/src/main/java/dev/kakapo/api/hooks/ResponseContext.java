package dev.kakapo.api.hooks;

import dev.kakapo.api.packet.DhcpPacket;

/** The context of {@link HookPoint#PKT4_SEND}: an answer about to be encoded. */
public interface ResponseContext extends ClientPacketContext {

    /** The answer; callouts may change it before it is encoded. */
    DhcpPacket response();
}
