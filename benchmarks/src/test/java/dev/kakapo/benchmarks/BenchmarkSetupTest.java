package dev.kakapo.benchmarks;

import dev.kakapo.api.packet.DhcpCodec;
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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"none", "classes", "reservations"})
    void exchangeBenchmarkCompletesAnExchangePerCall(String features) throws Exception {
        ExchangeBenchmark benchmark = new ExchangeBenchmark();
        benchmark.features = features;
        benchmark.setUp();
        try {
            byte[] first = benchmark.discoverOfferRequestAck();
            byte[] second = benchmark.discoverOfferRequestAck();
            assertEquals(MessageType.ACK, DhcpCodec.decode(first).packet().messageType().orElseThrow());
            assertEquals(MessageType.ACK, DhcpCodec.decode(second).packet().messageType().orElseThrow());
            assertTrue(!DhcpCodec.decode(first).packet().yiaddr().equals(DhcpCodec.decode(second).packet().yiaddr()),
                    "each call is a new client with a new lease");
            assertEquals(features.equals("classes"), DhcpCodec.decode(second).packet().options().contains(119),
                    "the additional class of the REQUEST adds its option");
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void leaseStoreOpenBenchmarkReopensEveryLeaseItWrote() throws Exception {
        LeaseStoreOpenBenchmark benchmark = new LeaseStoreOpenBenchmark();
        benchmark.leases = 2_000;
        benchmark.writeLeaseFile();
        try {
            assertEquals(2_000, benchmark.openAndIndex());
            assertEquals(2_000, benchmark.openAndIndex(), "a second open finds the file closed cleanly");
        } finally {
            benchmark.removeLeaseFile();
        }
    }

    @Test
    void leaseStoreBenchmarkReadsRenewsAndPagesTheLeasesItWrote() {
        LeaseStoreBenchmark benchmark = new LeaseStoreBenchmark();
        benchmark.leases = 1_000;
        benchmark.fill();
        try {
            assertTrue(benchmark.getByAddress().isPresent());
            assertEquals(1, benchmark.findByHwAddress().size());
            assertTrue(benchmark.renew(), "the lease read is the lease replaced");
            assertEquals(100, benchmark.page().size());
        } finally {
            benchmark.close();
        }
    }
}
