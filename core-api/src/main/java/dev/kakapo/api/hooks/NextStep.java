package dev.kakapo.api.hooks;

/**
 * What a callout tells the server to do next, as Kea's callout status does. What SKIP and DROP
 * mean differs per hook point; {@link HookPoint} says it for each.
 */
public enum NextStep {
    /** Go on as if the callout had not been there. */
    CONTINUE,
    /** Skip the server's own work at this point (see the hook point for what that means). */
    SKIP,
    /** Drop the packet: no answer is sent. */
    DROP,
    /**
     * Hold the answer until every {@link ParkedPacket} the callouts took is resumed (allowed only
     * at {@link HookPoint#LEASES4_COMMITTED}; elsewhere it counts as CONTINUE).
     */
    PARK
}
