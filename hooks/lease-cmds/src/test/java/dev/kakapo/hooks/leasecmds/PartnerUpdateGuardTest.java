package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which of an HA partner's lease updates would give an address a client holds to another client. */
class PartnerUpdateGuardTest {

    private static final Ipv4Address ADDRESS = Ipv4Address.parse("10.0.0.7");
    private static final HardwareAddress A = HardwareAddress.parse("02:00:00:00:00:0a");
    private static final HardwareAddress B = HardwareAddress.parse("02:00:00:00:00:0b");
    private static final long NOW = 1_000_000;

    private static Lease4 lease(HardwareAddress hw, byte[] clientId, long cltt, LeaseState state) {
        return new Lease4(ADDRESS, hw, clientId, 3600, cltt, 1, false, false, "", state, null, 0);
    }

    @Test
    void anotherClientsUpdateOverAHeldLeaseIsRefused() {
        assertTrue(LeaseCommands.takesFromAnotherClient(lease(A, null, NOW - 10, LeaseState.DEFAULT),
                lease(B, null, NOW, LeaseState.DEFAULT), NOW));
    }

    @Test
    void theSameClientsRenewalPasses() {
        assertFalse(LeaseCommands.takesFromAnotherClient(lease(A, null, NOW - 10, LeaseState.DEFAULT),
                lease(A, null, NOW, LeaseState.DEFAULT), NOW));
    }

    @Test
    void clientIdentifiersDecideWhenBothHaveOne() {
        assertTrue(LeaseCommands.takesFromAnotherClient(lease(A, new byte[] {1, 2}, NOW - 10, LeaseState.DEFAULT),
                lease(A, new byte[] {1, 3}, NOW, LeaseState.DEFAULT), NOW));
        assertFalse(LeaseCommands.takesFromAnotherClient(lease(A, new byte[] {1, 2}, NOW - 10, LeaseState.DEFAULT),
                lease(B, new byte[] {1, 2}, NOW, LeaseState.DEFAULT), NOW));
    }

    @Test
    void anExpiredReclaimedOrDeclinedLeaseMayBeTaken() {
        assertFalse(LeaseCommands.takesFromAnotherClient(lease(A, null, NOW - 4000, LeaseState.DEFAULT),
                lease(B, null, NOW, LeaseState.DEFAULT), NOW));
        assertFalse(LeaseCommands.takesFromAnotherClient(lease(A, null, NOW - 10, LeaseState.EXPIRED_RECLAIMED),
                lease(B, null, NOW, LeaseState.DEFAULT), NOW));
        assertFalse(LeaseCommands.takesFromAnotherClient(lease(null, null, NOW - 10, LeaseState.DECLINED),
                lease(B, null, NOW, LeaseState.DEFAULT), NOW));
    }

    @Test
    void aDeclineOfTheHeldAddressPasses() {
        assertFalse(LeaseCommands.takesFromAnotherClient(lease(A, null, NOW - 10, LeaseState.DEFAULT),
                lease(null, null, NOW, LeaseState.DECLINED), NOW));
    }
}
