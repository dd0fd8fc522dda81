package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.config.LeaseDatabaseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeaLeaseFileTest {

    private static final String HEADER_2_2 = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void readsTheJournalAsKeaDoes() throws IOException {
        Path file = write("kea-leases4.csv", HEADER_2_2,
                "192.0.2.10,01:02:03:04:05:06,,3600,1772443033,1,0,0,one,0,",
                "192.0.2.11,01:02:03:04:05:07,01:aa,3600,1772443033,1,1,1,two,0,",
                "192.0.2.10,01:02:03:04:05:06,,3600,1772446633,1,0,0,one-renewed,0,",
                "192.0.2.11,01:02:03:04:05:07,01:aa,0,1772443033,1,0,0,,0,",
                "192.0.2.12,,,86400,1772443033,1,0,0,,1,",
                "203.0.113.70,01:02:03:04:05:08,,3600,1772443033,2,0,0,caf\u00e9&#x2cx,0,{ \"a\": \"x&#x2cy&#x26z\" }",
                "not,a,lease");
        KeaLeaseFile.Contents contents = KeaLeaseFile.read(file, 0);
        Map<Ipv4Address, Lease4> leases = contents.leases().stream().collect(Collectors.toMap(Lease4::address, Function.identity()));
        assertEquals(3, leases.size(), "192.0.2.11 was deleted by its valid_lifetime 0 row");
        Lease4 renewed = leases.get(Ipv4Address.parse("192.0.2.10"));
        assertEquals("one-renewed", renewed.hostname());
        assertEquals(1772446633L - 3600, renewed.cltt(), "cltt is expire minus lifetime");
        Lease4 declined = leases.get(Ipv4Address.parse("192.0.2.12"));
        assertEquals(LeaseState.DECLINED, declined.state());
        assertNull(declined.hwAddress());
        Lease4 escaped = leases.get(Ipv4Address.parse("203.0.113.70"));
        assertEquals("caf\u00e9,x", escaped.hostname());
        assertEquals("{ \"a\": \"x,y&z\" }", escaped.userContext());
        assertEquals(7, contents.rows());
        assertEquals(1, contents.badRows());
    }

    @Test
    void readsTheGenerationsLeaseFileCleanupLeft() throws IOException {
        write("l.csv.2", HEADER_2_2, "192.0.2.10,01:02:03:04:05:06,,3600,100,1,0,0,old,0,");
        write("l.csv.1", HEADER_2_2, "192.0.2.10,01:02:03:04:05:06,,3600,200,1,0,0,newer,0,",
                "192.0.2.20,01:02:03:04:05:07,,3600,200,1,0,0,,0,");
        Path file = write("l.csv", HEADER_2_2, "192.0.2.20,01:02:03:04:05:07,,0,200,1,0,0,,0,");
        KeaLeaseFile.Contents contents = KeaLeaseFile.read(file, 0);
        assertEquals(1, contents.leases().size());
        assertEquals("newer", contents.leases().iterator().next().hostname());
        assertEquals(3, contents.files().size());
    }

    @Test
    void readsKea24sPoolIdColumn() throws IOException {
        Path file = write("l.csv", HEADER_2_2 + ",pool_id", "192.0.2.10,01:02:03:04:05:06,,3600,100,1,0,0,,0,,5");
        assertEquals(5, KeaLeaseFile.read(file, 0).leases().iterator().next().poolId());
    }

    @Test
    void stopsAfterMaxRowErrors() throws IOException {
        Path file = write("l.csv", HEADER_2_2, "x", "y", "z");
        IOException e = assertThrows(IOException.class, () -> KeaLeaseFile.read(file, 2));
        assertTrue(e.getMessage().contains("too many bad lease rows"), e.getMessage());
    }

    @Test
    void importsAKeaFileOnceAndLeavesItAlone() throws IOException {
        Path file = write("kea-leases4.csv", HEADER_2_2, "192.0.2.10,01:02:03:04:05:06,01:aa,3600,1772443033,1,0,0,one,0,");
        byte[] before = Files.readAllBytes(file);
        assertTrue(KeaLeaseFile.isKeaLeaseFile(file));
        LeaseDatabaseConfig database = new LeaseDatabaseConfig("memfile", true, file.toString(), 3600, 0);
        try (ChronicleLeaseStore store = LeaseStores.open(database, 100)) {
            Lease4 lease = store.get(Ipv4Address.parse("192.0.2.10")).orElseThrow();
            assertArrayEquals(new byte[] {1, (byte) 0xaa}, lease.clientId());
            store.remove(lease.address());
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the Kea file is unchanged");
        try (ChronicleLeaseStore store = LeaseStores.open(database, 100)) {
            assertFalse(store.get(Ipv4Address.parse("192.0.2.10")).isPresent(), "imported once: the store is the truth now");
        }
    }
}
