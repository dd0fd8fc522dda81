package dev.kakapo.server.lease;

import net.openhft.chronicle.core.analytics.AnalyticsFacade;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The JVM flags of jvm.options reach this test JVM: Chronicle Map works on Java 17 and stays quiet. */
class ChronicleRuntimeTest {

    @Test
    void analyticsAreSwitchedOff() {
        assertEquals("true", System.getProperty("chronicle.analytics.disable"));
        assertFalse(AnalyticsFacade.isEnabled(), "Chronicle's own check says analytics are off");
    }

    @Test
    void aPersistedMapSurvivesReopening(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("leases.dat");
        try (ChronicleMap<Integer, Long> map = open(file)) {
            for (int i = 0; i < 1000; i++) {
                map.put(i, (long) i * i);
            }
        }
        try (ChronicleMap<Integer, Long> map = open(file)) {
            assertEquals(1000, map.size());
            assertEquals(998001L, map.get(999));
        }
    }

    private static ChronicleMap<Integer, Long> open(Path file) throws IOException {
        return ChronicleMap.of(Integer.class, Long.class).name("chronicle-runtime-test").entries(10_000)
                .createPersistedTo(file.toFile());
    }
}
