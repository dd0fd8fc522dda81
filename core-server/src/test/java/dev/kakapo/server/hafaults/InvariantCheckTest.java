package dev.kakapo.server.hafaults;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvariantCheckTest {

    private static final String A = "02:00:00:00:00:01";
    private static final String B = "02:00:00:00:00:02";

    private static Ledger.Answer ack(long at, String mac, String address, long lease) {
        return new Ledger.Answer(true, at, mac, address, "127.0.0.1", lease, false);
    }

    private static Ledger.Answer nak(long at, String mac, String address) {
        return new Ledger.Answer(false, at, mac, address, "127.0.0.1", 0, false);
    }

    private static Ledger ledger(Ledger.Answer... answers) {
        return new Ledger(List.of(answers), 0, 100_000, 2);
    }

    @Test
    void anAddressAckedToASecondClientWhileTheFirstHoldsItIsADuplicate() {
        InvariantCheck.Report report = InvariantCheck.check(ledger(ack(1000, A, "10.0.0.1", 60), ack(2000, B, "10.0.0.1", 60)),
                Map.of(), 3000);
        assertEquals(1, report.duplicateAddresses());
        assertEquals(A, report.duplicates().get(0).first().mac());
        assertEquals(B, report.duplicates().get(0).second().mac());
    }

    @Test
    void aClientThatHeldTheAddressFirstAndGetsItBackDoesNotCountAgainstItsServer() {
        Ledger.Answer second = new Ledger.Answer(true, 2000, B, "10.0.0.1", "127.0.0.2", 60, false);
        InvariantCheck.Report report = InvariantCheck.check(ledger(ack(1000, A, "10.0.0.1", 60), second,
                nak(2500, A, "10.0.0.1"), ack(3000, A, "10.0.0.1", 60)), Map.of(), 4000);
        assertEquals(1, report.duplicateAddresses());
        assertEquals(1, report.duplicateAddressesGivenBy("127.0.0.2"));
        assertEquals(0, report.duplicateAddressesGivenBy("127.0.0.1"));
    }

    @Test
    void anAddressAckedAgainAfterTheFirstLeaseRanOutIsNoDuplicate() {
        InvariantCheck.Report report = InvariantCheck.check(ledger(ack(1000, A, "10.0.0.1", 1), ack(2000, B, "10.0.0.1", 60)),
                Map.of(), 3000);
        assertTrue(report.duplicates().isEmpty(), report.summary(3));
    }

    @Test
    void aNakEndsTheHoldingSoTheAddressMayGoToAnotherClient() {
        InvariantCheck.Report report = InvariantCheck.check(
                ledger(ack(1000, A, "10.0.0.1", 60), nak(1500, A, "10.0.0.1"), ack(2000, B, "10.0.0.1", 60)), Map.of(), 3000);
        assertTrue(report.duplicates().isEmpty(), report.summary(3));
    }

    @Test
    void aRenewalExtendsTheHoldingPastTheFirstLeaseTime() {
        InvariantCheck.Report report = InvariantCheck.check(
                ledger(ack(1000, A, "10.0.0.1", 2), ack(2500, A, "10.0.0.1", 60), ack(4000, B, "10.0.0.1", 60)), Map.of(), 5000);
        assertEquals(1, report.duplicateAddresses());
    }

    @Test
    void aServerWithoutACurrentHoldingsLeaseOrWithItForAnotherClientLostIt() {
        Map<String, List<InvariantCheck.ServerLease>> servers = Map.of(
                "server1", List.of(new InvariantCheck.ServerLease("10.0.0.1", A, 9999, 0),
                        new InvariantCheck.ServerLease("10.0.0.2", B, 9999, 0)),
                "server2", List.of(new InvariantCheck.ServerLease("10.0.0.1", B, 9999, 0)));
        InvariantCheck.Report report = InvariantCheck.check(ledger(ack(1000, A, "10.0.0.1", 60), ack(1000, B, "10.0.0.2", 60)),
                servers, 2000);
        assertEquals(Map.of("server2", 2L), report.lostPerServer(), report.summary(5));
    }

    @Test
    void aHoldingThatRanOutBeforeTheCheckNeedsNoLease() {
        InvariantCheck.Report report = InvariantCheck.check(ledger(ack(1000, A, "10.0.0.1", 1)),
                Map.of("server1", List.of()), 5000);
        assertTrue(report.clean(), report.summary(3));
    }

    @Test
    void twoRelationshipsReportsAddUpTheirDuplicatesAndLosses() {
        InvariantCheck.Report first = InvariantCheck.check(ledger(ack(1000, A, "10.0.0.1", 60), ack(2000, B, "10.0.0.1", 60)),
                Map.of(), 3000);
        InvariantCheck.Report second = InvariantCheck.check(ledger(ack(1000, A, "10.1.0.1", 60)),
                Map.of("server3", List.of()), 3000);
        InvariantCheck.Report both = first.and(second);
        assertEquals(3, both.acks());
        assertEquals(1, both.duplicateAddresses());
        assertEquals(Map.of("server3", 1L), both.lostPerServer());
    }
}
