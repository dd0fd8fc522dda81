package dev.kakapo.benchmarks;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Option building: a relayed DHCPINFORM (no lease work, so the answer is mostly its options)
 * asking for {@code requested} options, twelve of which are configured across the global,
 * subnet and client-class levels. The row with 0 is the rest of the INFORM's path (decode,
 * subnet selection, classification, encode); the difference is what building the options costs.
 */
@State(Scope.Thread)
public class OptionBuildingBenchmark extends KakapoBenchmark {

    private static final String CONFIG = """
            {"Dhcp4": {"valid-lifetime": 3600,
              "option-data": [{"name": "domain-name-servers", "data": "10.0.0.2, 10.0.0.3"},
                              {"name": "domain-name", "data": "example.org"},
                              {"name": "ntp-servers", "data": "10.0.0.4"},
                              {"name": "time-offset", "data": "3600"}],
              "client-classes": [{"name": "all-relayed", "test": "not (pkt4.giaddr == 0.0.0.0)",
                                  "option-data": [{"name": "tftp-server-name", "data": "tftp.example.org"},
                                                  {"name": "boot-file-name", "data": "pxelinux.0"},
                                                  {"name": "domain-search", "data": "example.org, lab.example.org"}]}],
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.255.255.200"}],
                           "relay": {"ip-addresses": ["127.0.0.250"]},
                           "option-data": [{"name": "routers", "data": "10.0.0.1"},
                                           {"name": "broadcast-address", "data": "10.255.255.255"},
                                           {"name": "interface-mtu", "data": "1500"},
                                           {"name": "log-servers", "data": "10.0.0.5"},
                                           {"name": "www-server", "data": "10.0.0.8"},
                                           {"name": "domain-name-servers", "data": "10.0.0.6"}]}]}}
            """;
    /** Codes of the configured options, first the twelve configured, then some nobody configured. */
    private static final int[] ASKED = {6, 15, 42, 2, 66, 67, 119, 3, 28, 26, 7, 72, 44, 46, 47, 121, 249, 252};

    /** Options in the parameter request list. */
    @Param({"0", "12", "18"})
    public int requested;

    private Dhcp4Server server;
    private byte[] inform;

    /** A server in process and the INFORM it will answer. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = Dhcp4Server.builder().configText(CONFIG).withoutSockets().start();
        DhcpPacket query = PacketsOfAClient.query(PacketsOfAClient.mac(7), MessageType.INFORM, 7)
                .ciaddr(Ipv4Address.parse("10.0.0.77"));
        byte[] list = new byte[requested];
        for (int i = 0; i < requested; i++) {
            list[i] = (byte) ASKED[i];
        }
        if (requested > 0) {
            query.options().put(OptionCode.PARAMETER_REQUEST_LIST, list);
        }
        inform = DhcpCodec.encode(query);
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    /** The INFORM answered: returns the ACK's bytes. */
    @Benchmark
    public byte[] informAnswered() {
        return server.handle(inform, PacketsOfAClient.INBOUND);
    }
}
