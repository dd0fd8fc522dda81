package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.LeaseContext;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.Optional;

/** The context of the lease hook points; replaceable only where the lease is about to be written. */
public final class LeaseView implements LeaseContext {

    private final DhcpPacket query;
    private final boolean replaceable;
    private final boolean fake;
    private Lease4 lease;

    /**
     * A view of {@code lease} for {@code query} (null on a timer).
     *
     * @param replaceable whether callouts may replace the lease (select, renew)
     * @param fake        whether nothing will be written (a DISCOVER)
     */
    public LeaseView(DhcpPacket query, Lease4 lease, boolean replaceable, boolean fake) {
        this.query = query;
        this.lease = lease;
        this.replaceable = replaceable;
        this.fake = fake;
    }

    @Override
    public Optional<DhcpPacket> query() {
        return Optional.ofNullable(query);
    }

    @Override
    public Lease4 lease() {
        return lease;
    }

    @Override
    public void lease(Lease4 replacement) {
        if (!replaceable) {
            throw new IllegalStateException("the lease can be replaced at lease4_select and lease4_renew only");
        }
        if (!replacement.address().equals(lease.address())) {
            throw new IllegalArgumentException("the replacement is for " + replacement.address() + ", not " + lease.address());
        }
        lease = replacement;
    }

    @Override
    public boolean fakeAllocation() {
        return fake;
    }
}
