package dev.kakapo.hooks.ha;

import dev.kakapo.api.hooks.RecordingLibraryHandle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A relationship's lease-update figures land in the server's statistics under this server's name in it. */
class UpdateStatisticsTest {

    @Test
    void countsAcknowledgedAndFailedUpdatesAndTheirTime() {
        RecordingLibraryHandle server = new RecordingLibraryHandle(null);
        UpdateStatistics statistics = new UpdateStatistics(server, "server1");
        statistics.acknowledged(2_500_000);
        statistics.acknowledged(500_000);
        statistics.failed();
        statistics.unsent(7);
        statistics.withdrawn();
        assertEquals(List.of("ha[server1].lease-updates-sent", "ha[server1].lease-updates-failed",
                "ha[server1].lease-update-time-us", "ha[server1].unsent-updates", "ha[server1].leases-withdrawn"),
                List.copyOf(server.statistics().keySet()));
        assertEquals(1, server.statistics().get("ha[server1].leases-withdrawn").value());
        assertEquals(2, server.statistics().get("ha[server1].lease-updates-sent").value());
        assertEquals(3_000, server.statistics().get("ha[server1].lease-update-time-us").value());
        assertEquals(1, server.statistics().get("ha[server1].lease-updates-failed").value());
        assertEquals(7, server.statistics().get("ha[server1].unsent-updates").value());
    }
}
