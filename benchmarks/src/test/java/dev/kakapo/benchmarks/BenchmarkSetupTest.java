package dev.kakapo.benchmarks;

import dev.kakapo.api.packet.MessageType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks measure what they say: forks get jvm.options, the packets are the captured ones. */
class BenchmarkSetupTest {

    @Test
    void forksGetTheFlagsOfJvmOptions() {
        assertTrue(BenchmarkMain.jvmOptions().contains("-Dchronicle.analytics.disable=true"));
        assertTrue(BenchmarkMain.jvmOptions().stream().noneMatch(o -> o.startsWith("#")));
    }

    @Test
    void codecBenchmarkWorksOnTheCapturedDiscoverAndAck() {
        CodecBenchmark benchmark = new CodecBenchmark();
        benchmark.setUp();
        assertEquals(MessageType.DISCOVER, benchmark.decodeDiscover().messageType().orElseThrow());
        assertEquals(MessageType.ACK, benchmark.decodeAck().messageType().orElseThrow());
        assertEquals(298, benchmark.encodeAck());
    }
}
