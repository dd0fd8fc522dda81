package dev.kakapo.server.dhcp;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.server.config.NetworkParameters;

/**
 * The times a reply carries: the lease's valid lifetime and, when they apply, T1 (renewal) and
 * T2 (rebinding), computed as Kea computes them.
 *
 * @param valid the lease time, seconds
 * @param t1    the renewal time, or -1 when not sent
 * @param t2    the rebinding time, or -1 when not sent
 */
record LeaseTimes(long valid, long t1, long t2) {

    /**
     * The lifetime to grant: what the client asked for (option 51) kept between
     * {@code min-valid-lifetime} and {@code max-valid-lifetime}, else {@code valid-lifetime}.
     */
    static long lifetimeFor(NetworkParameters p, DhcpPacket query) {
        if (query.leaseTime().isPresent()) {
            long asked = query.leaseTime().getAsLong();
            return Math.max(p.effectiveMinValidLifetime(), Math.min(p.effectiveMaxValidLifetime(), asked));
        }
        return p.validLifetime();
    }

    /**
     * T1 and T2 for {@code valid}: {@code renew-timer} and {@code rebind-timer} when set, else
     * the t1/t2 percentages of the lifetime with {@code calculate-tee-times}. T2 is sent only
     * below the lifetime, T1 only below T2 (or the lifetime when there is no T2).
     */
    static LeaseTimes of(NetworkParameters p, long valid) {
        boolean calculate = Boolean.TRUE.equals(p.calculateTeeTimes());
        long t1 = p.renewTimer() != null ? p.renewTimer() : calculate ? (long) (valid * p.t1Percent()) : -1;
        long t2 = p.rebindTimer() != null ? p.rebindTimer() : calculate ? (long) (valid * p.t2Percent()) : -1;
        if (t2 >= valid || t2 <= 0) {
            t2 = -1;
        }
        if (t1 >= (t2 > 0 ? t2 : valid) || t1 <= 0) {
            t1 = -1;
        }
        return new LeaseTimes(valid, t1, t2);
    }

    /**
     * Whether a renewing client may keep {@code lease} as it is, with no write: it is younger than
     * {@code cache-threshold} of its lifetime and than {@code cache-max-age} (Kea's lease caching).
     */
    static boolean reusable(Lease4 lease, NetworkParameters p, long now) {
        Double threshold = p.cacheThreshold();
        long age = now - lease.cltt();
        if (threshold == null || threshold <= 0 || age < 0 || lease.isExpired(now)) {
            return false;
        }
        if (p.cacheMaxAge() != null && p.cacheMaxAge() > 0 && age >= p.cacheMaxAge()) {
            return false;
        }
        return age < lease.validLifetime() * threshold;
    }
}
