package dev.kakapo.benchmarks;

import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.NextStep;

import java.util.concurrent.atomic.LongAdder;

/**
 * The hook library {@link CalloutBenchmark} loads: {@code "callouts": N} callouts at each of the
 * points every exchange passes (pkt4_receive, subnet4_select, lease4_select, pkt4_send), each
 * reading its context and counting the call, as the cheapest real callout would.
 */
public final class CountingCalloutsLibrary implements HookLibrary {

    /** Calls made by every instance, so a test can see the callouts ran. */
    static final LongAdder CALLS = new LongAdder();
    private static final LongAdder CHECKSUM = new LongAdder();

    /** The name configurations use: {@code "library": "benchmark-callouts"}. */
    @Override
    public String name() {
        return "benchmark-callouts";
    }

    /** Built against this API. */
    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    /** The callouts keep no state but a thread-safe counter. */
    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }

    /** Registers the callouts {@code parameters.callouts} asks for at each point. */
    @Override
    public void load(LibraryHandle handle) {
        int count = handle.parameters() == null ? 1 : handle.parameters().path("callouts").asInt(1);
        for (int i = 0; i < count; i++) {
            handle.callout(HookPoint.PKT4_RECEIVE, context -> count(context.query().xid()));
            handle.callout(HookPoint.SUBNET4_SELECT, context -> count(context.subnet().isPresent() ? 1 : 0));
            handle.callout(HookPoint.LEASE4_SELECT, context -> count(context.lease().address().hashCode()));
            handle.callout(HookPoint.PKT4_SEND, context -> count(context.response().xid()));
        }
    }

    private static NextStep count(int seen) {
        // What was read goes into the sum, so the JIT cannot drop the read.
        CALLS.increment();
        CHECKSUM.add(seen);
        return NextStep.CONTINUE;
    }
}
