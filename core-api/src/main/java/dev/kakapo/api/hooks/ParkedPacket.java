package dev.kakapo.api.hooks;

/**
 * A hold on a packet's answer, taken by a callout at {@link HookPoint#LEASES4_COMMITTED} with
 * {@link LeasesCommittedContext#park()}. The answer leaves when every hold taken on it has been
 * resumed, and never when one of them is dropped. Either method may be called from any thread,
 * once; later calls do nothing.
 */
public interface ParkedPacket {

    /** Releases this hold; the answer is sent when no other hold remains. */
    void resume();

    /** Drops the packet: its answer is never sent. */
    void drop();
}
