package dev.kakapo.hooks.ha;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CautiousAllocationTest {

    private static final long IN_SYNC = 1_000_000;
    private static final Ipv4Address EVEN = Ipv4Address.parse("10.0.0.10");
    private static final Ipv4Address ODD = Ipv4Address.parse("10.0.0.11");

    private final CautiousAllocation primary = new CautiousAllocation(true);

    private static Lease4 lease(Ipv4Address address, long cltt, long lifetime) {
        return new Lease4(address, HardwareAddress.parse("02:00:00:00:00:01"), null, lifetime, cltt, 1, false, false, "",
                LeaseState.DEFAULT, null, 0);
    }

    @Test
    void outsideAnEpisodeEveryFreeAddressMayGoToANewClient() {
        assertTrue(primary.admitsNewOwner(ODD, null));
        assertTrue(primary.admitsNewOwner(EVEN, lease(EVEN, IN_SYNC, 3600)));
    }

    @Test
    void loadBalancingServersSplitThePoolWhileBothServe() {
        primary.split(true);
        assertTrue(primary.admitsNewOwner(EVEN, null));
        assertFalse(primary.admitsNewOwner(ODD, null), "the secondary's half: both would pick it at the same moment");
        primary.split(false);
        assertTrue(primary.admitsNewOwner(ODD, null));
    }

    @Test
    void duringAnEpisodeNewClientsGetOnlyThisServersHalf() {
        primary.inSyncAt(IN_SYNC);
        primary.begin();
        assertTrue(primary.admitsNewOwner(EVEN, null));
        assertFalse(primary.admitsNewOwner(ODD, null));
        assertTrue(new CautiousAllocation(false).ownShare(ODD));
    }

    @Test
    void anAddressInUseWhenTheTwoWereLastInSyncGoesToNoNewOwner() {
        primary.inSyncAt(IN_SYNC);
        primary.begin();
        // expired since, by our clock, but the partner may have extended it
        assertFalse(primary.admitsNewOwner(EVEN, lease(EVEN, IN_SYNC - 3500, 3600)));
        // already out of use two minutes before
        assertTrue(primary.admitsNewOwner(EVEN, lease(EVEN, IN_SYNC - 3720, 3600)));
    }

    @Test
    void aServerThatNeverSynchronisedGivesOnlyAddressesItHasNoRecordOf() {
        primary.begin();
        assertFalse(primary.admitsNewOwner(EVEN, lease(EVEN, 1, 1)));
        assertTrue(primary.admitsNewOwner(EVEN, null));
    }

    @Test
    void anAddressReleasedOrReclaimedDuringTheEpisodeStaysOutOfUse() {
        primary.inSyncAt(IN_SYNC);
        primary.begin();
        primary.released(EVEN);
        assertFalse(primary.admitsNewOwner(EVEN, null));
        Ipv4Address other = Ipv4Address.parse("10.0.0.12");
        primary.reclaimed(lease(other, IN_SYNC - 10, 3600));
        assertFalse(primary.admitsNewOwner(other, null));
        primary.end();
        assertTrue(primary.admitsNewOwner(EVEN, null));
    }

    @Test
    void aNewClientsLeaseThePartnerHasNotTakenIsNotAnsweredOutsideOurHalf() {
        Lease4 theirs = lease(ODD, IN_SYNC, 3600);
        Lease4 ours = lease(EVEN, IN_SYNC, 3600);
        primary.sent(List.of(theirs, ours));
        assertTrue(primary.mayAnswer(theirs), "outside an episode the update decides");
        primary.begin();
        assertFalse(primary.mayAnswer(theirs));
        assertTrue(primary.mayAnswer(ours));
        assertEquals(List.of(), primary.unconfirmedOutsideShare(), "still on its way: not released yet");
        primary.unacknowledged(List.of(theirs));
        assertEquals(List.of(ODD), primary.unconfirmedOutsideShare());
        primary.acknowledged(List.of(theirs));
        assertTrue(primary.mayAnswer(theirs));
    }
}
