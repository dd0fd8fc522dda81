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
            assertTrue(benchmark.insertAndDelete(), "a new lease is written and deleted");
            assertEquals(1_000, benchmark.size(), "the store keeps its size");
            assertEquals(100, benchmark.page().size());
        } finally {
            benchmark.close();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 3})
    void calloutBenchmarkRunsEightCalloutsPerExchangeForEachOneAsked(int callouts) throws Exception {
        CalloutBenchmark benchmark = new CalloutBenchmark();
        benchmark.callouts = callouts;
        benchmark.setUp();
        try {
            long before = CountingCalloutsLibrary.CALLS.sum();
            assertEquals(MessageType.ACK, DhcpCodec.decode(benchmark.exchange()).packet().messageType().orElseThrow());
            assertEquals(8L * callouts, CountingCalloutsLibrary.CALLS.sum() - before);
        } finally {
            benchmark.tearDown();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"iterative, 90", "random, 99", "iterative, 50"})
    void allocationBenchmarkOffersFreeAddressesOfAPoolAsBusyAsAsked(String allocator, int busy) throws Exception {
        AllocationBenchmark benchmark = new AllocationBenchmark();
        benchmark.allocator = allocator;
        benchmark.busy = busy;
        benchmark.setUp();
        try {
            assertEquals(65_534L * busy / 100, benchmark.leased(), 1.0);
            java.util.Set<String> offered = new java.util.HashSet<>();
            for (int i = 0; i < 50; i++) {
                var offer = DhcpCodec.decode(benchmark.offerToANewClient()).packet();
                assertEquals(MessageType.OFFER, offer.messageType().orElseThrow());
                offered.add(offer.yiaddr().toString());
            }
            assertEquals(65_534L * busy / 100, benchmark.leased(), 1.0, "an OFFER writes nothing");
            assertTrue(offered.size() > 1, "new clients are offered different free addresses");
        } finally {
            benchmark.tearDown();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"0, 3", "12, 12", "18, 12"})
    void optionBuildingBenchmarkAnswersWithTheConfiguredOptionsAsked(int requested, int configured) throws Exception {
        OptionBuildingBenchmark benchmark = new OptionBuildingBenchmark();
        benchmark.requested = requested;
        benchmark.setUp();
        try {
            var ack = DhcpCodec.decode(benchmark.informAnswered()).packet();
            assertEquals(MessageType.ACK, ack.messageType().orElseThrow());
            int[] asked = {6, 15, 42, 2, 66, 67, 119, 3, 28, 26, 7, 72};
            int present = 0;
            java.util.List<Integer> missing = new java.util.ArrayList<>();
            for (int code : asked) {
                present += ack.options().contains(code) ? 1 : 0;
                if (!ack.options().contains(code)) {
                    missing.add(code);
                }
            }
            assertEquals(configured, present, "missing " + missing + ": each configured option asked for is in the answer (unasked: only routers, "
                    + "domain-name-servers and domain-name, which Kea always sends)");
        } finally {
            benchmark.tearDown();
        }
    }
}
