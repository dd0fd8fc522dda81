package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.ParkedPacket;
import dev.kakapo.server.stats.Statistic;
import dev.kakapo.server.stats.Statistics;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParkingLotTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Statistics statistics = new Statistics();
    private final Statistic dropped = statistics.get("pkt4-receive-drop");
    private final Statistic parkedNow = statistics.get("pkt4-parked");
    private final AtomicInteger sent = new AtomicInteger();

    @Test
    void theAnswerLeavesWhenTheLastHoldIsResumed() {
        Parking parking = new ParkingLot(0, dropped, parkedNow, nanos::get).enter();
        ParkedPacket first = parking.hold();
        ParkedPacket second = parking.hold();
        parking.park(sent::incrementAndGet);
        first.resume();
        first.resume();
        assertEquals(0, sent.get(), "one hold is still taken; a second resume of the same hold counts once");
        assertEquals(1, parkedNow.get(), "pkt4-parked counts the answer waiting");
        second.resume();
        assertEquals(1, sent.get());
        assertEquals(0, parkedNow.get());
    }

    @Test
    void holdsResumedWhileCalloutsRunLetTheAnswerLeaveAtOnce() {
        ParkingLot lot = new ParkingLot(0, dropped, parkedNow, nanos::get);
        Parking parking = lot.enter();
        parking.hold().resume();
        parking.park(sent::incrementAndGet);
        assertEquals(1, sent.get());
        assertEquals(0, lot.size());
    }

    @Test
    void oneDroppedHoldDropsTheAnswerAndCountsIt() {
        ParkingLot lot = new ParkingLot(0, dropped, parkedNow, nanos::get);
        Parking parking = lot.enter();
        ParkedPacket first = parking.hold();
        ParkedPacket second = parking.hold();
        parking.park(sent::incrementAndGet);
        first.drop();
        second.resume();
        assertEquals(0, sent.get());
        assertEquals(1, dropped.get());
        assertEquals(0, lot.size());
    }

    @Test
    void aFullLotRefusesNewPacketsUntilOldAnswersAreAbandoned() {
        ParkingLot lot = new ParkingLot(1, dropped, parkedNow, nanos::get);
        Parking held = lot.enter();
        held.hold();
        held.park(sent::incrementAndGet);
        assertNull(lot.enter(), "full");
        assertEquals(1, dropped.get());
        nanos.addAndGet((ParkingLot.ABANDON_AFTER_SECONDS + 1) * 1_000_000_000L);
        assertNotNull(lot.enter(), "the forgotten answer was dropped to make room");
        assertEquals(2, dropped.get());
        assertEquals(0, sent.get());
    }

    @Test
    void holdsCannotBeTakenAfterTheCalloutsFinished() {
        Parking parking = new ParkingLot(0, dropped, parkedNow, nanos::get).enter();
        parking.release();
        assertThrows(IllegalStateException.class, parking::hold);
    }
}
