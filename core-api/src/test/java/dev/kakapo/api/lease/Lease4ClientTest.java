package dev.kakapo.api.lease;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Lease4ClientTest {

    private static final HardwareAddress A = HardwareAddress.parse("02:00:00:00:00:0a");
    private static final HardwareAddress B = HardwareAddress.parse("02:00:00:00:00:0b");
    private static final long NOW = 1_800_000_000L;

    private static Lease4 lease(HardwareAddress hw, byte[] clientId, long cltt, LeaseState state) {
        return Lease4.assigned(Ipv4Address.parse("10.0.0.10"), hw, clientId, 3600, cltt, 1, "").withState(state);
    }

    @Test
    void theClientIdentifierDecidesWhenBothLeasesHaveOne() {
        assertTrue(lease(A, new byte[] {1}, NOW, LeaseState.DEFAULT).sameClientAs(lease(B, new byte[] {1}, NOW, LeaseState.DEFAULT)));
        assertFalse(lease(A, new byte[] {1}, NOW, LeaseState.DEFAULT).sameClientAs(lease(A, new byte[] {2}, NOW, LeaseState.DEFAULT)));
    }

    @Test
    void theHardwareAddressDecidesOtherwiseAndNoneIsNobodys() {
        assertTrue(lease(A, new byte[] {1}, NOW, LeaseState.DEFAULT).sameClientAs(lease(A, null, NOW, LeaseState.DEFAULT)));
        assertFalse(lease(A, null, NOW, LeaseState.DEFAULT).sameClientAs(lease(B, null, NOW, LeaseState.DEFAULT)));
        assertFalse(lease(null, null, NOW, LeaseState.DEFAULT).sameClientAs(lease(null, null, NOW, LeaseState.DEFAULT)));
    }

    @Test
    void anAssignedUnexpiredLeaseOfAnotherClientIsHeldAgainstANewOne() {
        Lease4 incoming = lease(B, null, NOW, LeaseState.DEFAULT);
        assertTrue(lease(A, null, NOW - 10, LeaseState.DEFAULT).heldAgainst(incoming, NOW));
        assertFalse(lease(B, null, NOW - 10, LeaseState.DEFAULT).heldAgainst(incoming, NOW), "the same client's");
        assertFalse(lease(A, null, NOW - 4000, LeaseState.DEFAULT).heldAgainst(incoming, NOW), "expired");
        assertFalse(lease(A, null, NOW - 10, LeaseState.EXPIRED_RECLAIMED).heldAgainst(incoming, NOW), "reclaimed");
        assertFalse(lease(A, null, NOW - 10, LeaseState.DEFAULT).heldAgainst(lease(B, null, NOW, LeaseState.RELEASED), NOW),
                "the incoming lease gives nothing");
    }
}
