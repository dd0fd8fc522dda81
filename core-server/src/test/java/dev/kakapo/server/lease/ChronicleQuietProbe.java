package dev.kakapo.server.lease;

import net.openhft.chronicle.map.ChronicleMap;

import java.io.File;
import java.io.IOException;

/**
 * Run in its own JVM, with the product's flags and without JUnit on the class path (Chronicle
 * mutes its analytics under JUnit, which would hide a leak): uses Chronicle Map the way the
 * lease store will, then waits long enough for any background reporting to fire.
 */
public final class ChronicleQuietProbe {

    private ChronicleQuietProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        File file = new File(args[0]);
        long waitMillis = Long.parseLong(args[1]);
        try (ChronicleMap<Integer, Long> map = ChronicleMap.of(Integer.class, Long.class)
                .name("quiet-probe").entries(100_000).createPersistedTo(file)) {
            for (int i = 0; i < 50_000; i++) {
                map.put(i, (long) i);
            }
            Thread.sleep(waitMillis);
            System.out.println("probe done: " + map.size() + " entries");
        }
    }
}
