package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.ParkedPacket;

/**
 * One packet's answer held at {@code leases4_committed}: the holds callouts took, and what to do
 * when the last one is resumed. Callouts may resume a hold before the server has finished
 * running them (from another thread, at once); the answer still leaves only after
 * {@link #park(Runnable)} and only when no hold remains.
 */
public final class Parking {

    private final ParkingLot lot;
    private int holds;
    private boolean dropped;
    private boolean finished;
    private Runnable send;
    long deadline;

    Parking(ParkingLot lot) {
        this.lot = lot;
    }

    /** A new hold on the answer. */
    synchronized ParkedPacket hold() {
        if (finished) {
            throw new IllegalStateException("holds can only be taken while leases4_committed callouts run");
        }
        holds++;
        return new Hold();
    }

    /**
     * The callouts returned PARK: send the answer with {@code sendAnswer} when the last hold is
     * resumed (now, when they all are already), or never when one is dropped (counted).
     */
    public void park(Runnable sendAnswer) {
        boolean sendNow;
        synchronized (this) {
            finished = true;
            sendNow = !dropped && holds == 0;
            if (!dropped && !sendNow) {
                send = sendAnswer;
                lot.parked(this);
                return;
            }
        }
        if (sendNow) {
            sendAnswer.run();
        } else {
            lot.left(this, false);
        }
    }

    /** The callouts did not return PARK: the holds they took no longer hold anything. */
    public synchronized void release() {
        finished = true;
        send = null;
    }

    /** Whether a callout dropped the packet while the callouts ran. */
    public synchronized boolean isDropped() {
        return dropped;
    }

    /** Drops a parked answer that waited too long; false when it left meanwhile. */
    boolean abandon() {
        synchronized (this) {
            if (send == null) {
                return false;
            }
            send = null;
            dropped = true;
        }
        lot.left(this, false);
        return true;
    }

    private void resumeOne() {
        Runnable now = null;
        synchronized (this) {
            holds--;
            if (holds == 0 && send != null) {
                now = send;
                send = null;
            }
        }
        if (now != null) {
            lot.left(this, true);
            now.run();
        }
    }

    private void dropAll() {
        boolean wasParked;
        synchronized (this) {
            if (dropped) {
                return;
            }
            dropped = true;
            wasParked = send != null;
            send = null;
        }
        if (wasParked) {
            lot.left(this, false);
        }
    }

    /** One callout's hold; acts once. */
    private final class Hold implements ParkedPacket {

        private boolean done;

        @Override
        public void resume() {
            if (settle()) {
                resumeOne();
            }
        }

        @Override
        public void drop() {
            if (settle()) {
                dropAll();
            }
        }

        private boolean settle() {
            synchronized (Parking.this) {
                if (done) {
                    return false;
                }
                done = true;
                return true;
            }
        }
    }
}
