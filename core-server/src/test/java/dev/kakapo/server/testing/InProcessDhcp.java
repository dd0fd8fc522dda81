package dev.kakapo.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.dhcp.Inbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** DHCP handed to in-process servers as their sockets would hand it, and their HA state read back. */
public final class InProcessDhcp {

    /** The server address the queries reach (and REQUESTs name as server identifier). */
    public static final Ipv4Address SERVER = Ipv4Address.parse("192.0.2.1");

    private InProcessDhcp() {
    }

    /** The server's answer to {@code query} (now or, when parked, once released), or null after {@code waitMillis}. */
    public static DhcpPacket exchange(Dhcp4Server server, DhcpPacket query, long waitMillis) throws Exception {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        server.handle(DhcpCodec.encode(query, 576), Inbound.via("eth0", SERVER, query.giaddr(), 67), (data, to, port) -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            answer.complete(bytes);
        });
        try {
            return DhcpCodec.decode(answer.get(waitMillis, TimeUnit.MILLISECONDS)).packet();
        } catch (TimeoutException e) {
            return null;
        }
    }

    /** DISCOVER, OFFER, REQUEST, ACK for the client of {@code discover}; returns the acknowledged address. */
    public static Ipv4Address dora(Dhcp4Server server, DhcpPacket discover) throws Exception {
        DhcpPacket offer = exchange(server, discover, 5000);
        assertNotNull(offer, "an OFFER for " + discover.hardwareAddress());
        DhcpPacket request = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(discover.xid()).hops(discover.hops())
                .giaddr(discover.giaddr()).hardwareAddress(discover.hardwareAddress()).messageType(MessageType.REQUEST);
        request.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3});
        request.options().putIpv4(OptionCode.REQUESTED_ADDRESS, offer.yiaddr()).putIpv4(OptionCode.SERVER_IDENTIFIER, SERVER);
        DhcpPacket ack = exchange(server, request, 5000);
        assertNotNull(ack, "an ACK for " + discover.hardwareAddress());
        assertEquals(MessageType.ACK, ack.messageType().orElseThrow());
        return ack.yiaddr();
    }

    /** The {@code high-availability} element of status-get for the server's first relationship. */
    public static JsonNode ha(Dhcp4Server server) {
        return server.execute(new CommandRequest("status-get", null)).arguments().path("high-availability").path(0);
    }

    /** The local state of the server's first relationship. */
    public static String haState(Dhcp4Server server) {
        return ha(server).path("ha-servers").path("local").path("state").asText();
    }

    /** Waits up to {@code seconds} for {@code condition}; fails with {@code what}. */
    public static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        await(condition, seconds, () -> what);
    }

    /** Waits up to {@code seconds} for {@code condition}; fails with {@code what} (evaluated then). */
    public static void await(BooleanSupplier condition, int seconds, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
