package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.NextStep;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dispatch benchmark runs the callouts it registered, and none when it registered none. */
class CalloutDispatchBenchmarkTest {

    @Test
    void dispatchRunsEveryRegisteredCalloutAndReturnsTheirStep() {
        for (int callouts : new int[] {0, 1, 3}) {
            CalloutDispatchBenchmark benchmark = new CalloutDispatchBenchmark();
            benchmark.callouts = callouts;
            benchmark.setUp(new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
            assertEquals(NextStep.CONTINUE, benchmark.dispatch());
            assertEquals(callouts, benchmark.calls, "each registered callout ran once");
        }
    }
}
