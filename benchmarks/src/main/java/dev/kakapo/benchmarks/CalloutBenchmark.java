package dev.kakapo.benchmarks;

import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What callouts cost a hook author: a whole DISCOVER-OFFER-REQUEST-ACK in process with 0, 1 or
 * 3 callouts at each of the four points every packet passes (pkt4_receive, subnet4_select,
 * lease4_select, pkt4_send). An exchange is two packets, so it runs {@code 8 x callouts}
 * callouts: the difference between the rows divided by that is the price of one callout.
 */
@State(Scope.Thread)
public class CalloutBenchmark extends KakapoBenchmark {

    private static final String CONFIG = """
            {"Dhcp4": {"valid-lifetime": 3600, "multi-threading": {"enable-multi-threading": true},
              "hooks-libraries": [%s],
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.255.255.200"}],
                           "relay": {"ip-addresses": ["127.0.0.250"]},
                           "option-data": [{"name": "routers", "data": "10.0.0.1"}]}]}}
            """;

    /** Callouts at each of the four points. */
    @Param({"0", "1", "3"})
    public int callouts;

    private ChronicleLeaseStore store;
    private Dhcp4Server server;
    private long client;

    /** A server in process whose configuration loads the counting library, or none for 0. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        store = ChronicleLeaseStore.inMemory(4_000_000);
        String library = callouts == 0 ? ""
                : "{\"library\": \"benchmark-callouts\", \"parameters\": {\"callouts\": " + callouts + "}}";
        server = Dhcp4Server.builder().configText(String.format(CONFIG, library)).withoutSockets().leaseStore(store).start();
    }

    /** Closes the server and the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        store.close();
    }

    /** One exchange of a new client. */
    @Benchmark
    public byte[] exchange() {
        return PacketsOfAClient.exchange(server, ++client);
    }
}
