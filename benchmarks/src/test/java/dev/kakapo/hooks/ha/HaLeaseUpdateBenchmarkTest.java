package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The HA wire benchmark encodes what a partner accepts, and the partner applies every lease. */
class HaLeaseUpdateBenchmarkTest {

    @Test
    void bodiesAreAcceptedAndEveryLeaseIsApplied() throws Exception {
        HaLeaseUpdateBenchmark benchmark = new HaLeaseUpdateBenchmark();
        benchmark.setUp();
        try {
            assertEquals("lease4-update", new ObjectMapper().readTree(benchmark.encodeUpdate()).get("command").asText());
            assertEquals(HaLeaseUpdateBenchmark.BULK,
                    new ObjectMapper().readTree(benchmark.encodeBulk()).get("arguments").get("leases").size());
            CommandAnswer update = benchmark.applyUpdate();
            assertEquals(CommandAnswer.RESULT_SUCCESS, update.result(), update.text());
            CommandAnswer bulk = benchmark.applyBulk();
            assertEquals("Bulk apply of " + HaLeaseUpdateBenchmark.BULK + " IPv4 leases completed.", bulk.text());
            assertNull(bulk.arguments(), "no lease refused");
        } finally {
            benchmark.tearDown();
        }
    }
}
