package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rows as Kea's memfile writes them (LeaseCommandsParityIT has Kea load the file). */
class KeaLeaseCsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesKeasColumnsWithCommasAndAmpersandsEscaped() throws Exception {
        Path file = dir.resolve("leases4.csv");
        try (KeaLeaseCsvWriter writer = KeaLeaseCsvWriter.create(file)) {
            writer.write(new Lease4(Ipv4Address.parse("203.0.113.70"), HardwareAddress.parse("01:02:03:04:05:06"),
                    new byte[] {1, 2}, 3600, 1_772_439_433L, 1, true, false, "a,b&c", LeaseState.DEFAULT,
                    "{\"a\":\"x,y&z\"}", 0));
            writer.write(new Lease4(Ipv4Address.parse("203.0.113.71"), null, null, 600, 1_772_439_000L, 1, false, false, "",
                    LeaseState.DECLINED, null, 7));
        }
        assertEquals(List.of(KeaLeaseCsvWriter.HEADER,
                "203.0.113.70,01:02:03:04:05:06,01:02,3600,1772443033,1,1,0,a&#x2cb&#x26c,0,{\"a\":\"x&#x2cy&#x26z\"},0",
                "203.0.113.71,,,600,1772439600,1,0,0,,1,,7"), Files.readAllLines(file));
    }
}
