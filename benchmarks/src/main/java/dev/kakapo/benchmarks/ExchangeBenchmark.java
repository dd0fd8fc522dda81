package dev.kakapo.benchmarks;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.dhcp.Inbound;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A full DISCOVER-OFFER-REQUEST-ACK through the server in process (decode, process, store,
 * encode; no sockets, no pipeline hand-off): what one exchange costs the server's code, each with
 * a new client so every one writes a lease. {@code features} adds what Kea configurations carry:
 * {@code classes} (six client classes with tests, one guarding a pool, one additional) or
 * {@code reservations} (10,000 host reservations the clients are looked up in, by two identifiers).
 */
@State(Scope.Thread)
public class ExchangeBenchmark extends KakapoBenchmark {

    private static final String CONFIG = """
            {"Dhcp4": {"valid-lifetime": 3600, %s
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.255.255.200"%s}],
                           "relay": {"ip-addresses": ["127.0.0.250"]}, %s
                           "option-data": [{"name": "routers", "data": "10.0.0.1"}]}]}}
            """;
    private static final String CLASSES = """
            "client-classes": [
              {"name": "pxe", "test": "substring(option[60].hex,0,9) == 'PXEClient'", "boot-file-name": "pxelinux.0"},
              {"name": "phones", "test": "option[60].text == 'voip' or relay4[1].hex == 'phones'"},
              {"name": "lab", "test": "substring(option[61].hex, 1, 3) == 0x02aabb"},
              {"name": "not-phones", "test": "not member('phones')"},
              {"name": "guests", "test": "unknown and member('not-phones')",
               "option-data": [{"name": "domain-name", "data": "guests.example"}]},
              {"name": "late", "only-if-required": true, "test": "pkt4.msgtype == 3",
               "option-data": [{"name": "domain-search", "data": "late.example", "always-send": true}]}],
            """;

    /** none, classes or reservations: what the configuration carries besides the subnet. */
    @Param({"none", "classes", "reservations"})
    public String features;

    private ChronicleLeaseStore store;
    private Dhcp4Server server;
    private long client;

    /** A server in process over an in-memory store big enough for every client of the run. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        store = ChronicleLeaseStore.inMemory(4_000_000);
        server = Dhcp4Server.builder().configText(config(features)).withoutSockets().leaseStore(store).start();
    }

    /** Closes the server and the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        store.close();
    }

    /** One exchange of a new client, as perfdhcp makes it: relayed, with a client identifier. */
    @Benchmark
    public byte[] discoverOfferRequestAck() {
        return PacketsOfAClient.exchange(server, ++client);
    }

    static String config(String features) {
        switch (features) {
            case "classes":
                return String.format(CONFIG, CLASSES, ", \"client-class\": \"not-phones\"", "\"require-client-classes\": [\"late\"],");
            case "reservations":
                StringBuilder hosts = new StringBuilder("\"reservations\": [");
                for (int i = 0; i < 10_000; i++) {
                    hosts.append(i == 0 ? "" : ",").append(String.format(
                            "{\"hw-address\": \"0a:00:00:00:%02x:%02x\", \"ip-address\": \"10.%d.%d.1\"}",
                            (i >> 8) & 0xFF, i & 0xFF, 100 + (i >> 8), i & 0xFF));
                }
                hosts.append("],");
                return String.format(CONFIG, "\"host-reservation-identifiers\": [\"circuit-id\", \"hw-address\", \"client-id\"],",
                        "", hosts);
            default:
                return String.format(CONFIG, "", "", "");
        }
    }
}
