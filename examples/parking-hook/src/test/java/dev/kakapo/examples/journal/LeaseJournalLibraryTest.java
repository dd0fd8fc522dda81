package dev.kakapo.examples.journal;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.dhcp.Inbound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library loaded by an in-process server: each ACK leaves from the writer's thread, after its journal line. */
class LeaseJournalLibraryTest {

    private static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.1");
    private static final Ipv4Address RELAY = Ipv4Address.parse("10.1.0.1");
    private static final Inbound VIA_RELAY = Inbound.via("eth0", SERVER, RELAY, 67);

    @TempDir
    Path dir;
    private Dhcp4Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void serve(String parameters) throws Exception {
        server = Dhcp4Server.builder().withoutSockets().configText("{\"Dhcp4\": {"
                + "\"lease-database\": {\"type\": \"memfile\", \"persist\": false},"
                + "\"hooks-libraries\": [{\"library\": \"lease-journal\", \"parameters\": " + parameters + "}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.19\"}]}]}}")
                .start();
    }

    private static DhcpPacket query(MessageType type) {
        DhcpPacket query = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(42).hops(1).giaddr(RELAY)
                .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:42")).messageType(type);
        query.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3});
        return query;
    }

    @Test
    void theAckLeavesFromTheWriterThreadOnceItsLeaseIsInTheJournal() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        serve("{\"file\": \"" + journal + "\"}");
        DhcpPacket offer = DhcpCodec.decode(server.handle(DhcpCodec.encode(query(MessageType.DISCOVER), 576), VIA_RELAY)).packet();
        DhcpPacket request = query(MessageType.REQUEST);
        request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, offer.yiaddr()).putIpv4(OptionCode.SERVER_IDENTIFIER, SERVER);

        CompletableFuture<String> journalWhenSent = new CompletableFuture<>();
        CompletableFuture<Thread> sender = new CompletableFuture<>();
        server.handle(DhcpCodec.encode(request, 576), VIA_RELAY, (data, to, port) -> {
            sender.complete(Thread.currentThread());
            journalWhenSent.complete(Files.readString(journal));
        });
        String journalled = journalWhenSent.get(10, TimeUnit.SECONDS);
        assertTrue(journalled.contains("\"event\":\"commit\",\"ip-address\":\"" + offer.yiaddr() + "\""), journalled);
        assertNotEquals(Thread.currentThread(), sender.get(), "resumed from the writer's thread");
        assertEquals("lease-journal-writer", sender.get().getName());
    }

    @Test
    void aConfigurationWithoutTheJournalFileIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> serve("{}"));
        assertTrue(e.getMessage().contains("parameter 'file'"), e.getMessage());
    }
}
