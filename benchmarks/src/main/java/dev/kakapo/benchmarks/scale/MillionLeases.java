package dev.kakapo.benchmarks.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.server.lab.ControlSocketClient;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Kakapo with a million leases, as processes on loopback (no root: non-standard ports):
 * <ol>
 *   <li>a Kea memfile CSV of {@code leases} leases is written, and kakapo-dhcp4 started on it:
 *       the time to its first answer includes importing the CSV;</li>
 *   <li>restarted on the lease file it made, three times: the time to first answer of an
 *       ordinary restart (each, and their median), and the resident memory of the last;</li>
 *   <li>{@code lease4-get-page} through every lease over the control socket, timed;</li>
 *   <li>a hot-standby partner started empty: the time until both are in hot-standby, which is
 *       the partner fetching the whole store page by page (HA sync).</li>
 * </ol>
 * Prints a Markdown table and writes it to {@code DIR/scale.md}.
 * Usage: {@code MillionLeases ROOT DIR [leases]} (ROOT: the project, for bin/kakapo-dhcp4).
 */
public final class MillionLeases {

    private static final int RESTARTS = 3;
    private static final int SERVER_PORT = 20067;
    private static final int CLIENT_PORT = 20068;
    private static final Ipv4Address RELAY = Ipv4Address.parse("127.0.0.9");

    private final Path root;
    private final Path dir;
    private final int leases;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();

    MillionLeases(Path root, Path dir, int leases) {
        this.root = root;
        this.dir = dir;
        this.leases = leases;
    }

    /**
     * Runs the four measurements.
     *
     * @param args the project root, a directory for the files, and optionally the number of leases
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MillionLeases PROJECT-ROOT DIRECTORY [LEASES]");
            System.exit(2);
        }
        MillionLeases run = new MillionLeases(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000);
        try {
            System.out.print(run.measure());
        } finally {
            run.stopAll();
        }
        System.exit(0);
    }

    String measure() throws Exception {
        Files.createDirectories(dir);
        Path csv = dir.resolve("leases4.csv");
        long written = System.nanoTime();
        writeCsv(csv);
        row("Kea memfile CSV written", String.format(Locale.ROOT, "%,d leases, %,d MB", leases, Files.size(csv) >> 20),
                seconds(System.nanoTime() - written));

        Path primaryConfig = config("primary", "127.0.0.1", csv, false);
        long start = System.nanoTime();
        Process first = start(primaryConfig, "primary-import");
        row("start-up to first answer, importing the CSV", "", seconds(firstAnswer(first) - start));
        stop(first);

        // Restarted a few times: one start-up on a noisy machine says little.
        List<Long> restarts = new ArrayList<>();
        Process server = null;
        for (int i = 1; i <= RESTARTS; i++) {
            if (server != null) {
                stop(server);
            }
            start = System.nanoTime();
            server = start(primaryConfig, "primary-" + i);
            restarts.add(firstAnswer(server) - start);
        }
        List<Long> sorted = restarts.stream().sorted().collect(Collectors.toList());
        row("start-up to first answer, reopening its own lease file (median of " + RESTARTS + ")",
                restarts.stream().map(MillionLeases::seconds).collect(Collectors.joining(", ")) + " s",
                seconds(sorted.get(sorted.size() / 2)));
        row("resident memory after start-up", rssMegabytes(server.pid()) + " MB", "");

        Path socket = dir.resolve("primary.sock");
        long paging = System.nanoTime();
        long seen = 0;
        String from = "start";
        while (true) {
            JsonNode page = ControlSocketClient.send(socket, "lease4-get-page", "{\"from\": \"" + from + "\", \"limit\": 1000}");
            JsonNode list = page.path("arguments").path("leases");
            if (page.path("result").asInt() == 3 || list.isEmpty()) {
                break;
            }
            if (page.path("result").asInt() != 0) {
                throw new IllegalStateException("lease4-get-page failed: " + page);
            }
            seen += list.size();
            from = list.get(list.size() - 1).path("ip-address").asText();
        }
        row("lease4-get-page through the whole store (pages of 1,000)", String.format(Locale.ROOT, "%,d leases", seen),
                seconds(System.nanoTime() - paging));
        stop(server);

        Path haPrimary = config("primary", "127.0.0.1", csv, true);
        Path haStandby = config("standby", "127.0.0.2", dir.resolve("standby-leases4.csv"), true);
        Process primary = start(haPrimary, "ha-primary");
        firstAnswer(primary);
        long syncStart = System.nanoTime();
        Process standby = start(haStandby, "ha-standby");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!(state("primary").equals("hot-standby") && state("standby").equals("hot-standby"))) {
            if (System.nanoTime() > deadline || !standby.isAlive()) {
                throw new IllegalStateException("the pair did not reach hot-standby: see " + dir.resolve("ha-standby.log"));
            }
            Thread.sleep(100);
        }
        long synced = ControlSocketClient.send(dir.resolve("standby.sock"), "statistic-get",
                "{\"name\": \"subnet[1].assigned-addresses\"}").path("arguments").path("subnet[1].assigned-addresses").path(0).path(0).asLong();
        row("HA: empty standby started until both are hot-standby (syncs the store)",
                String.format(Locale.ROOT, "%,d leases on the standby", synced), seconds(System.nanoTime() - syncStart));
        stop(standby);
        stop(primary);

        StringBuilder table = new StringBuilder("| step | what | seconds |\n| --- | --- | ---: |\n");
        rows.forEach(r -> table.append("| ").append(String.join(" | ", r)).append(" |\n"));
        Files.writeString(dir.resolve("scale.md"), table);
        return table.toString();
    }

    private void writeCsv(Path csv) throws IOException {
        // Expiry spread over a day, as a day's renewals spread it (from an hour ahead, so none
        // expires while the run lasts).
        long now = System.currentTimeMillis() / 1000;
        Ipv4Address first = Ipv4Address.parse("10.0.0.10");
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n");
            for (int i = 0; i < leases; i++) {
                String mac = String.format(Locale.ROOT, "02:00:%02x:%02x:%02x:%02x", i >>> 24, (i >>> 16) & 0xFF, (i >>> 8) & 0xFF, i & 0xFF);
                out.write(first.plus(i) + "," + mac + ",01:" + mac + ",86400," + (now + 3_600 + i % 86_400) + ",1,0,0,host-" + i + ",0,\n");
            }
        }
    }

    private Path config(String name, String address, Path leaseFile, boolean ha) throws IOException {
        String hooks = !ha ? """
                "hooks-libraries": [{"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"}],
                """ : """
                "hooks-libraries": [{"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"},
                  {"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so", "parameters": {"high-availability": [{
                    "this-server-name": "%s", "mode": "hot-standby", "heartbeat-delay": 1000, "max-response-delay": 3000,
                    "sync-timeout": 120000,
                    "multi-threading": {"enable-multi-threading": true, "http-dedicated-listener": true},
                    "peers": [{"name": "primary", "url": "http://127.0.0.1:20801/", "role": "primary"},
                              {"name": "standby", "url": "http://127.0.0.2:20802/", "role": "standby"}]}]}}],
                """.formatted(name);
        String text = """
                {"Dhcp4": {
                  "interfaces-config": {"interfaces": ["lo/%s"], "dhcp-socket-type": "udp"},
                  "control-socket": {"socket-type": "unix", "socket-name": "%s"},
                  "lease-database": {"type": "memfile", "persist": true, "name": "%s", "lfc-interval": 0},
                  "multi-threading": {"enable-multi-threading": true, "thread-pool-size": 4, "packet-queue-size": 256},
                  %s
                  "valid-lifetime": 86400,
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.255.255.200"}],
                               "relay": {"ip-addresses": ["%s"]}}],
                  "loggers": [{"name": "kea-dhcp4", "severity": "WARN", "output_options": [{"output": "stdout"}]}]
                }}
                """.formatted(address, dir.resolve(name + ".sock"), leaseFile, hooks, RELAY);
        Path file = dir.resolve(name + (ha ? "-ha" : "") + ".json");
        Files.writeString(file, text);
        return file;
    }

    private Process start(Path config, String log) throws IOException {
        Process process = new ProcessBuilder(root.resolve("bin/kakapo-dhcp4").toString(), "-c", config.toString(),
                "-p", Integer.toString(SERVER_PORT), "-P", Integer.toString(CLIENT_PORT))
                .redirectErrorStream(true).redirectOutput(dir.resolve(log + ".log").toFile()).start();
        started.add(process);
        return process;
    }

    /** Sends a relayed DISCOVER every 20 ms until an OFFER comes back; returns when it came (System.nanoTime). */
    private long firstAnswer(Process server) throws Exception {
        DhcpPacket discover = new DhcpPacket().xid(0x5ca1e).giaddr(RELAY).hops(1)
                .hardwareAddress(HardwareAddress.of(1, new byte[] {2, 0x5c, 0, 0, 0, 1})).messageType(MessageType.DISCOVER);
        byte[] bytes = DhcpCodec.encode(discover);
        try (DatagramSocket relay = new DatagramSocket(new InetSocketAddress(RELAY.toInetAddress(), SERVER_PORT))) {
            relay.setSoTimeout(20);
            byte[] buffer = new byte[1500];
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server stopped: see the logs in " + dir);
                }
                relay.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), SERVER_PORT));
                try {
                    DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                    relay.receive(answer);
                    return System.nanoTime();
                } catch (SocketTimeoutException notYet) {
                    // not serving yet
                }
            }
        }
        throw new IllegalStateException("no answer within 5 minutes: see the logs in " + dir);
    }

    private String state(String name) {
        try {
            return ControlSocketClient.send(dir.resolve(name + ".sock"), "status-get", null).path("arguments")
                    .path("high-availability").path(0).path("ha-servers").path("local").path("state").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static long rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    void stopAll() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                stop(process);
            }
        }
    }

    private void row(String step, String what, String seconds) {
        rows.add(new String[] {step, what, seconds});
        System.err.println(step + ": " + what + " " + seconds);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
