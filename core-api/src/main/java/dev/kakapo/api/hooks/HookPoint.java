package dev.kakapo.api.hooks;

import java.util.List;

/**
 * A point in the server's work where hook libraries' callouts run, with Kea's name and the type
 * of context its callouts get. The constants are in the order a packet meets them. What a
 * callout's {@link NextStep} means at each point is said at the constant; a step a point does not
 * support counts as CONTINUE.
 *
 * @param <C> the context type its callouts get
 */
public final class HookPoint<C> {

    /** A configuration is about to be served (at start-up and on every reconfiguration). DROP refuses it. */
    public static final HookPoint<ConfiguredContext> DHCP4_SRV_CONFIGURED =
            new HookPoint<>("dhcp4_srv_configured", ConfiguredContext.class);
    /** A datagram arrived. SKIP: the callout decoded it (see {@link BufferReceiveContext#query}); DROP: drop it. */
    public static final HookPoint<BufferReceiveContext> BUFFER4_RECEIVE =
            new HookPoint<>("buffer4_receive", BufferReceiveContext.class);
    /** A query was decoded. SKIP and DROP: drop it (counted in {@code pkt4-receive-drop}). */
    public static final HookPoint<ClientPacketContext> PKT4_RECEIVE =
            new HookPoint<>("pkt4_receive", ClientPacketContext.class);
    /** A subnet was selected for the query. SKIP: no subnet (the query is dropped); DROP: drop it. */
    public static final HookPoint<SubnetSelectContext> SUBNET4_SELECT =
            new HookPoint<>("subnet4_select", SubnetSelectContext.class);
    /**
     * The server looks up the client's reservation and {@code flex-id} is among
     * {@code host-reservation-identifiers}: a callout sets the identifier. SKIP: no flexible identifier.
     */
    public static final HookPoint<HostIdentifierContext> HOST4_IDENTIFIER =
            new HookPoint<>("host4_identifier", HostIdentifierContext.class);
    /** A lease is about to be offered or assigned to a new owner. SKIP: no lease (no OFFER; a NAK for a REQUEST). */
    public static final HookPoint<LeaseContext> LEASE4_SELECT =
            new HookPoint<>("lease4_select", LeaseContext.class);
    /** A client's lease is about to be extended. SKIP: the lease is not extended (a NAK). */
    public static final HookPoint<LeaseContext> LEASE4_RENEW =
            new HookPoint<>("lease4_renew", LeaseContext.class);
    /** A client releases its lease. SKIP and DROP: the lease is kept. */
    public static final HookPoint<LeaseContext> LEASE4_RELEASE =
            new HookPoint<>("lease4_release", LeaseContext.class);
    /** A client declines its address. SKIP and DROP: the lease is not marked declined. */
    public static final HookPoint<LeaseContext> LEASE4_DECLINE =
            new HookPoint<>("lease4_decline", LeaseContext.class);
    /** Leases were written or deleted for a REQUEST, RELEASE or DECLINE. DROP: no answer; PARK: answer later. */
    public static final HookPoint<LeasesCommittedContext> LEASES4_COMMITTED =
            new HookPoint<>("leases4_committed", LeasesCommittedContext.class);
    /** An answer is about to be encoded. SKIP and DROP: it is not sent. */
    public static final HookPoint<ResponseContext> PKT4_SEND =
            new HookPoint<>("pkt4_send", ResponseContext.class);
    /** An encoded answer is about to be sent. SKIP and DROP: it is not sent. */
    public static final HookPoint<BufferSendContext> BUFFER4_SEND =
            new HookPoint<>("buffer4_send", BufferSendContext.class);
    /** An expired lease is about to be reclaimed. SKIP: the callout reclaimed it; the server leaves it alone. */
    public static final HookPoint<LeaseExpireContext> LEASE4_EXPIRE =
            new HookPoint<>("lease4_expire", LeaseExpireContext.class);
    /** A declined address's probation is over and it is about to become free. SKIP: it stays declined. */
    public static final HookPoint<LeaseContext> LEASE4_RECOVER =
            new HookPoint<>("lease4_recover", LeaseContext.class);
    /** A control command was answered. The callout may change the answer; its step is ignored. */
    public static final HookPoint<CommandProcessedContext> COMMAND_PROCESSED =
            new HookPoint<>("command_processed", CommandProcessedContext.class);

    private static final List<HookPoint<?>> ALL = List.of(DHCP4_SRV_CONFIGURED, BUFFER4_RECEIVE, PKT4_RECEIVE,
            SUBNET4_SELECT, HOST4_IDENTIFIER, LEASE4_SELECT, LEASE4_RENEW, LEASE4_RELEASE, LEASE4_DECLINE, LEASES4_COMMITTED,
            PKT4_SEND, BUFFER4_SEND, LEASE4_EXPIRE, LEASE4_RECOVER, COMMAND_PROCESSED);

    private final String name;
    private final Class<C> contextType;
    private final int index;

    private HookPoint(String name, Class<C> contextType) {
        this.name = name;
        this.contextType = contextType;
        this.index = Counter.next++;
    }

    /** Every hook point, in the order a packet meets them. */
    public static List<HookPoint<?>> all() {
        return ALL;
    }

    /** Kea's name of the hook point, such as {@code pkt4_receive}. */
    public String name() {
        return name;
    }

    /** The type of context its callouts get. */
    public Class<C> contextType() {
        return contextType;
    }

    /** A small number unique to the hook point, from 0 up, for servers that keep callouts in arrays. */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Numbers the constants in declaration order (class initialisation is single-threaded). */
    private static final class Counter {
        private static int next;
    }
}
