package dev.kakapo.server.stats;

/** The statistics Kea keeps per subnet, and per pool ({@code subnet[id].pool[index].…}, pools counted from 0). */
public final class SubnetStatistics {

    /** {@code subnet[id].total-addresses}. */
    public final Statistic total;
    /** {@code subnet[id].assigned-addresses}: leases assigned or declined. */
    public final Statistic assigned;
    /** {@code subnet[id].cumulative-assigned-addresses}. */
    public final Statistic cumulativeAssigned;
    /** {@code subnet[id].declined-addresses}. */
    public final Statistic declined;
    /** {@code subnet[id].reclaimed-declined-addresses}. */
    public final Statistic reclaimedDeclined;
    /** {@code subnet[id].reclaimed-leases}. */
    public final Statistic reclaimedLeases;
    /** {@code subnet[id].v4-allocation-fail}. */
    public final Statistic allocationFail;
    private final Statistic[] poolTotal;
    private final Statistic[] poolAssigned;
    private final Statistic[] poolDeclined;
    private final Statistic[] poolCumulativeAssigned;
    private final Statistic[] poolReclaimedDeclined;
    private final Statistic[] poolReclaimedLeases;

    /** Takes the handles of subnet {@code subnetId} with {@code pools} pools. */
    public SubnetStatistics(Statistics statistics, long subnetId, int pools) {
        total = statistics.subnet(subnetId, "total-addresses");
        assigned = statistics.subnet(subnetId, "assigned-addresses");
        cumulativeAssigned = statistics.subnet(subnetId, "cumulative-assigned-addresses");
        declined = statistics.subnet(subnetId, "declined-addresses");
        reclaimedDeclined = statistics.subnet(subnetId, "reclaimed-declined-addresses");
        reclaimedLeases = statistics.subnet(subnetId, "reclaimed-leases");
        allocationFail = statistics.subnet(subnetId, "v4-allocation-fail");
        poolTotal = new Statistic[pools];
        poolAssigned = new Statistic[pools];
        poolDeclined = new Statistic[pools];
        poolCumulativeAssigned = new Statistic[pools];
        poolReclaimedDeclined = new Statistic[pools];
        poolReclaimedLeases = new Statistic[pools];
        for (int i = 0; i < pools; i++) {
            poolTotal[i] = statistics.pool(subnetId, i, "total-addresses");
            poolAssigned[i] = statistics.pool(subnetId, i, "assigned-addresses");
            poolDeclined[i] = statistics.pool(subnetId, i, "declined-addresses");
            poolCumulativeAssigned[i] = statistics.pool(subnetId, i, "cumulative-assigned-addresses");
            poolReclaimedDeclined[i] = statistics.pool(subnetId, i, "reclaimed-declined-addresses");
            poolReclaimedLeases[i] = statistics.pool(subnetId, i, "reclaimed-leases");
        }
    }

    /** {@code subnet[id].pool[i].declined-addresses}. */
    public Statistic poolDeclined(int pool) {
        return poolDeclined[pool];
    }

    /** {@code subnet[id].pool[i].cumulative-assigned-addresses}. */
    public Statistic poolCumulativeAssigned(int pool) {
        return poolCumulativeAssigned[pool];
    }

    /** {@code subnet[id].pool[i].reclaimed-declined-addresses}. */
    public Statistic poolReclaimedDeclined(int pool) {
        return poolReclaimedDeclined[pool];
    }

    /** {@code subnet[id].pool[i].reclaimed-leases}. */
    public Statistic poolReclaimedLeases(int pool) {
        return poolReclaimedLeases[pool];
    }

    /** {@code subnet[id].pool[i].total-addresses}. */
    public Statistic poolTotal(int pool) {
        return poolTotal[pool];
    }

    /** {@code subnet[id].pool[i].assigned-addresses}. */
    public Statistic poolAssigned(int pool) {
        return poolAssigned[pool];
    }
}
