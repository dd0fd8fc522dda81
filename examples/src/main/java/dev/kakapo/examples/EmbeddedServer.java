package dev.kakapo.examples;

import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.config.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Embedding example: a DHCPv4 server started from Java code, with its configuration written in
 * code too (any Kea {@code Dhcp4} configuration works the same way, or {@code configFile(path)}).
 * It serves relayed clients on 127.0.0.1 and keeps its leases in {@code leases}; closing it
 * stops every thread and socket it started.
 *
 * <pre>sudo java @jvm.options -cp "target/lib/*:examples/target/classes" dev.kakapo.examples.EmbeddedServer 67 /tmp/leases4.csv</pre>
 */
public final class EmbeddedServer {

    private EmbeddedServer() {
    }

    /** A relayed subnet served on 127.0.0.1 to the relay at 127.0.0.2, leases persisted in {@code leases}. */
    static String configuration(Path leases) {
        return """
                {"Dhcp4": {
                  "interfaces-config": {"interfaces": ["lo/127.0.0.1"]},
                  "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
                  "valid-lifetime": 3600,
                  "subnet4": [{
                    "id": 1, "subnet": "10.10.0.0/24",
                    "pools": [{"pool": "10.10.0.100 - 10.10.0.199"}],
                    "relay": {"ip-addresses": ["127.0.0.2"]},
                    "option-data": [{"name": "routers", "data": "10.10.0.1"}]
                  }]
                }}""".formatted(leases);
    }

    /**
     * Starts the server on {@code port} (67 in production, which needs root).
     *
     * @throws ConfigException when the configuration is refused
     * @throws IOException     when the socket or the lease file cannot be opened
     */
    public static Dhcp4Server start(int port, Path leases) throws ConfigException, IOException {
        return Dhcp4Server.builder().configText(configuration(leases)).serverPort(port).start();
    }

    /** Serves until the JVM is stopped (Ctrl-C). Arguments: port, lease file. */
    public static void main(String[] args) throws Exception {
        Dhcp4Server server = start(Integer.parseInt(args[0]), Path.of(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("serving on " + server.listeners() + "; Ctrl-C stops");
        stopped.await();
    }
}
