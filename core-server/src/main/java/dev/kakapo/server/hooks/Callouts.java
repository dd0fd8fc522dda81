package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.AddressGuard;
import dev.kakapo.api.hooks.Callout;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.stats.Statistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The callouts of one configuration, by hook point, in the order they run. Immutable, so packet
 * threads read it without locks. Asking whether a point has callouts costs one array read: the
 * packet path builds no context where nobody listens.
 *
 * <p>Every callout at a point runs, whatever the ones before it returned; the step the server
 * takes is the strongest returned: DROP over SKIP over PARK over CONTINUE. A callout that throws
 * (or returns null) is logged, counted in {@code hooks-callout-failures}, and taken as CONTINUE:
 * a hook cannot take the server down.
 */
public final class Callouts {

    private static final Logger LOG = LoggerFactory.getLogger(Callouts.class);
    private static final Registered[] NONE_AT_POINT = new Registered[0];

    private static final GuardOf[] NO_GUARDS = new GuardOf[0];

    private final Registered[][] byPoint;
    private final GuardOf[] guards;
    private final Statistic failures;

    private Callouts(Registered[][] byPoint, GuardOf[] guards, Statistic failures) {
        this.byPoint = byPoint;
        this.guards = guards;
        this.failures = failures;
    }

    /** No callouts anywhere. */
    public static Callouts none(Statistic failures) {
        Registered[][] empty = new Registered[HookPoint.all().size()][];
        Arrays.fill(empty, NONE_AT_POINT);
        return new Callouts(empty, NO_GUARDS, failures);
    }

    /** Whether any library guards the allocator's choice of addresses. */
    public boolean hasGuards() {
        return guards.length > 0;
    }

    /**
     * Whether every library's {@link AddressGuard} lets {@code address} go to a new owner. A guard
     * that throws is logged, counted in {@code hooks-callout-failures}, and taken as admitting it.
     */
    public boolean admits(long subnetId, Ipv4Address address, Lease4 previous) {
        for (GuardOf guard : guards) {
            try {
                if (!guard.guard.admits(subnetId, address, previous)) {
                    return false;
                }
            } catch (RuntimeException | LinkageError | AssertionError e) {
                failures.increment();
                LOG.error("HOOKS_GUARD_EXCEPTION the address guard of library '{}' threw; {} taken as admitted: {}",
                        guard.library, address, e.toString(), e);
            }
        }
        return true;
    }

    /** Whether any callout listens at {@code point}. */
    public boolean has(HookPoint<?> point) {
        return byPoint[point.index()].length > 0;
    }

    /** Runs the callouts at {@code point} on {@code context}; returns the step to take. */
    @SuppressWarnings("unchecked")
    public <C> NextStep run(HookPoint<C> point, C context) {
        NextStep step = NextStep.CONTINUE;
        for (Registered registered : byPoint[point.index()]) {
            NextStep returned;
            try {
                returned = ((Callout<? super C>) registered.callout).call(context);
            } catch (Exception | LinkageError | AssertionError e) {
                failures.increment();
                LOG.error("HOOKS_CALLOUT_EXCEPTION a callout of library '{}' at {} threw; going on as if it returned CONTINUE: {}",
                        registered.library, point, e.toString(), e);
                continue;
            }
            if (returned == null) {
                failures.increment();
                LOG.error("HOOKS_CALLOUT_NULL a callout of library '{}' at {} returned no step; taken as CONTINUE",
                        registered.library, point);
                continue;
            }
            step = strongest(step, returned);
        }
        return step;
    }

    private static NextStep strongest(NextStep a, NextStep b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(NextStep step) {
        switch (step) {
            case DROP:
                return 3;
            case SKIP:
                return 2;
            case PARK:
                return 1;
            default:
                return 0;
        }
    }

    /** Collects callouts while libraries load, then freezes them into {@link Callouts}. */
    static final class Builder {

        private final List<List<Registered>> byPoint = new ArrayList<>();
        private final List<GuardOf> guards = new ArrayList<>();

        Builder() {
            for (int i = 0; i < HookPoint.all().size(); i++) {
                byPoint.add(new ArrayList<>());
            }
        }

        void add(HookPoint<?> point, Callout<?> callout, String library) {
            byPoint.get(point.index()).add(new Registered(callout, library));
        }

        void remove(HookPoint<?> point, Callout<?> callout) {
            byPoint.get(point.index()).removeIf(r -> r.callout == callout);
        }

        void addGuard(AddressGuard guard, String library) {
            guards.add(new GuardOf(guard, library));
        }

        void removeGuard(AddressGuard guard) {
            guards.removeIf(g -> g.guard == guard);
        }

        Callouts build(Statistic failures) {
            Registered[][] frozen = new Registered[byPoint.size()][];
            for (int i = 0; i < frozen.length; i++) {
                frozen[i] = byPoint.get(i).toArray(NONE_AT_POINT);
            }
            return new Callouts(frozen, guards.toArray(NO_GUARDS), failures);
        }
    }

    private record GuardOf(AddressGuard guard, String library) {
    }

    private static final class Registered {
        final Callout<?> callout;
        final String library;

        Registered(Callout<?> callout, String library) {
            this.callout = callout;
            this.library = library;
        }
    }
}
