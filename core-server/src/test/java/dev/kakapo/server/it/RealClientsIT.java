package dev.kakapo.server.it;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import dev.kakapo.server.lease.LeaseStores;
import dev.kakapo.server.testing.Commands;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.Netns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * dhclient, udhcpc and dhcpcd, each in a namespace of its own, on the server's segment (served
 * by the whole-interface socket, answered by broadcast) and on a second segment behind Debian's
 * isc-dhcp-relay. Each gets a lease, renews it, reboots into the same address and releases it;
 * and each declines an address another host holds, which the server then keeps as declined.
 * Only 198.18.0.0/15 addresses, in namespaces the test creates and deletes.
 */
class RealClientsIT {

    /** The client programs. */
    enum Kind { DHCLIENT, UDHCPC, DHCPCD }

    /** Where a client is: on the server's own segment, on its second one, or behind the relay. */
    enum Segment { DIRECT, RELAYED, SECOND }

    private static final String SERVER = "198.18.1.1";
    private static final Pattern ADDRESS = Pattern.compile("(198\\.18\\.\\d+\\.\\d+)");

    @TempDir
    static Path shared;
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static Netns server;
    private static Netns relay;
    private static String hostResolvConf;
    private static int hosts;

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private KakapoProcess kakapo;
    private Path leases;

    @BeforeAll
    static void topology() throws Exception {
        assumeTrue(Netns.available() && KakapoProcess.projectRoot() != null && Commands.onPath("dhclient")
                        && Commands.onPath("udhcpc") && Commands.onPath("dhcpcd") && Commands.onPath("dhcrelay")
                        && Commands.onPath("busybox"),
                "needs root, dhclient, udhcpc, dhcpcd, dhcrelay and busybox; .ci/run installs them");
        hostResolvConf = Files.exists(RESOLV_CONF) ? Files.readString(RESOLV_CONF) : "";
        server = Netns.create("srv");
        server.exec("ip", "link", "add", "br0", "type", "bridge");
        server.exec("ip", "addr", "add", SERVER + "/24", "dev", "br0");
        server.exec("ip", "link", "set", "br0", "up");
        server.exec("ip", "link", "add", "br2", "type", "bridge");
        server.exec("ip", "addr", "add", "198.18.3.1/24", "dev", "br2");
        server.exec("ip", "link", "set", "br2", "up");
        relay = Netns.create("rly");
        relay.link("rup", server, "p-rup");
        server.exec("ip", "link", "set", "p-rup", "master", "br0");
        relay.exec("ip", "addr", "add", "198.18.1.2/24", "dev", "rup");
        relay.exec("ip", "link", "add", "br1", "type", "bridge");
        relay.exec("ip", "addr", "add", "198.18.2.1/24", "dev", "br1");
        relay.exec("ip", "link", "set", "br1", "up");
        relay.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
        server.exec("ip", "route", "add", "198.18.2.0/24", "via", "198.18.1.2");
        relay.spawn(shared.resolve("dhcrelay.log"), "dhcrelay", "-4", "-d", "-id", "br1", "-iu", "rup", SERVER);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
        if (hostResolvConf != null) {
            assertEquals(hostResolvConf, Files.exists(RESOLV_CONF) ? Files.readString(RESOLV_CONF) : "",
                    "the clients' hooks left the host's /etc/resolv.conf alone");
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        leases = dir.resolve("leases4.csv");
        Path config = dir.resolve("kakapo.json");
        Files.writeString(config, """
                {"Dhcp4": {"interfaces-config": {"interfaces": ["br0", "br2"]},
                  "lease-database": {"type": "memfile", "persist": true, "name": "%s"},
                  "valid-lifetime": 60, "renew-timer": 5, "rebind-timer": 40, "decline-probation-period": 3600,
                  "subnet4": [
                    {"id": 1, "subnet": "198.18.1.0/24", "pools": [{"pool": "198.18.1.100-198.18.1.199"}],
                     "option-data": [{"name": "routers", "data": "198.18.1.1"}],
                     "reservations": [{"hw-address": "02:00:c6:12:01:99", "ip-address": "198.18.1.50"}]},
                    {"id": 2, "subnet": "198.18.2.0/24", "pools": [{"pool": "198.18.2.100-198.18.2.199"}],
                     "option-data": [{"name": "routers", "data": "198.18.2.1"}],
                     "reservations": [{"hw-address": "02:00:c6:12:02:99", "ip-address": "198.18.2.50"}]},
                    {"id": 3, "subnet": "198.18.3.0/24", "pools": [{"pool": "198.18.3.100-198.18.3.199"}],
                     "option-data": [{"name": "routers", "data": "198.18.3.1"}]}]}}
                """.formatted(leases));
        kakapo = KakapoProcess.start(server, config, dir.resolve("server.log"));
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        if (kakapo != null) {
            kakapo.close();
        }
    }

    static Stream<Arguments> clients() {
        List<Arguments> all = new ArrayList<>();
        for (Segment segment : List.of(Segment.DIRECT, Segment.RELAYED)) {
            for (Kind kind : Kind.values()) {
                all.add(arguments(kind, segment));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void getsALeaseRenewsRebootsIntoItAndReleasesIt(Kind kind, Segment segment) throws Exception {
        Client client = attach(kind, segment, null);
        String address = client.start();
        String prefix = segment == Segment.DIRECT ? "198.18.1." : "198.18.2.";
        assertTrue(address.startsWith(prefix), kind + " got " + address + " from its own segment's subnet");
        assertEquals(address, client.renew(), "the renewal keeps the address");
        client.stopWithoutRelease();
        assertEquals(address, client.start(), "after a reboot the client gets the same address back");
        client.release();
        assertEquals(0, kakapo.stop(), kakapo.log());
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(LeaseStores.storeDirectory(leases), 1000, 0)) {
            assertTrue(store.get(Ipv4Address.parse(address)).isEmpty(), "the released lease is gone");
            assertTrue(store.findByHwAddress(HardwareAddress.parse(client.mac)).isEmpty());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void declinesAnAddressAnotherHostHoldsAndTheServerKeepsItDeclined(Kind kind, Segment segment) throws Exception {
        String taken = segment == Segment.DIRECT ? "198.18.1.50" : "198.18.2.50";
        squatter(segment, taken);
        Client client = attach(kind, segment, segment == Segment.DIRECT ? "02:00:c6:12:01:99" : "02:00:c6:12:02:99");
        client.startExpectingDecline();
        assertEquals(0, kakapo.stop(), kakapo.log());
        try (ChronicleLeaseStore store = ChronicleLeaseStore.journaled(LeaseStores.storeDirectory(leases), 1000, 0)) {
            Lease4 declined = store.get(Ipv4Address.parse(taken)).orElseThrow(() -> new AssertionError("no lease of " + taken));
            assertEquals(LeaseState.DECLINED, declined.state(), declined.toString());
            assertEquals(3600, declined.validLifetime(), "held for the decline probation period");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void clientsOnTwoInterfacesGetAddressesOfTheirOwnSegments(Kind kind) throws Exception {
        Client first = attach(kind, Segment.DIRECT, null);
        Client second = attach(kind, Segment.SECOND, null);
        String a = first.start();
        String b = second.start();
        assertTrue(a.startsWith("198.18.1."), kind + " on br0 got " + a);
        assertTrue(b.startsWith("198.18.3."), kind + " on br2 got " + b);
    }

    static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    /** A host that already uses {@code address} on the segment, so that the client's check finds it. */
    private void squatter(Segment segment, String address) throws Exception {
        Netns ns = hostNamespace("sq");
        String iface = "sq" + (++hosts);
        linkToSegment(ns, iface, segment, "02:00:c6:12:09:" + String.format("%02x", hosts));
        ns.exec("ip", "addr", "add", address + "/24", "dev", iface);
    }

    private Netns hostNamespace(String purpose) throws Exception {
        Netns ns = Netns.create(purpose);
        cleanup.add(ns);
        return ns;
    }

    private void linkToSegment(Netns ns, String iface, Segment segment, String mac) throws Exception {
        Netns side = segment == Segment.RELAYED ? relay : server;
        String port = "p-" + iface;
        ns.link(iface, side, port);
        ns.exec("ip", "link", "set", iface, "address", mac);
        side.exec("ip", "link", "set", port, "master", segment == Segment.DIRECT ? "br0" : segment == Segment.SECOND ? "br2" : "br1");
    }

    private Client attach(Kind kind, Segment segment, String mac) throws Exception {
        Netns ns = hostNamespace("cl");
        int n = ++hosts;
        String iface = "kc" + ProcessHandle.current().pid() % 10000 + "x" + n;
        String address = mac != null ? mac : "02:00:c6:12:" + String.format("%02x:%02x", segment.ordinal() + 1, n);
        linkToSegment(ns, iface, segment, address);
        Client client = new Client(kind, ns, iface, address, Files.createDirectories(dir.resolve(iface)), segment);
        cleanup.add(client);
        return client;
    }

    /** One client program on one host, driven the way an operator or the OS would drive it. */
    private static final class Client implements AutoCloseable {
        final Kind kind;
        final Netns ns;
        final String iface;
        final String mac;
        final Path home;
        final Segment segment;
        Process daemon;
        Path log;
        int runs;

        Client(Kind kind, Netns ns, String iface, String mac, Path home, Segment segment) {
            this.kind = kind;
            this.ns = ns;
            this.iface = iface;
            this.mac = mac;
            this.home = home;
            this.segment = segment;
        }

        /** Starts the client and waits for it to hold an address; returns the address. */
        String start() throws Exception {
            launch(false);
            return awaitAddress(kind == Kind.DHCLIENT ? "EVENT (?:BOUND|REBOOT) " : kind == Kind.UDHCPC ? "EVENT bound " : "leased ");
        }

        /** Starts the client on an address another host holds and waits for its DECLINE. */
        void startExpectingDecline() throws Exception {
            launch(true);
            await(kind == Kind.DHCLIENT ? "EVENT conflict " : kind == Kind.UDHCPC ? "declining|decline" : "DAD detected|declin", 45);
            Thread.sleep(1000); // the DECLINE is on its way
        }

        private void launch(boolean checkForConflicts) throws Exception {
            log = home.resolve("client-" + (++runs) + ".log");
            Files.writeString(log, "");
            switch (kind) {
                case DHCLIENT:
                    Path script = home.resolve("dhclient-script");
                    Files.writeString(script, "#!/bin/sh\n"
                            + "echo \"EVENT $reason $new_ip_address\" >> " + log + "\n"
                            + "case \"$reason\" in\n"
                            + "  BOUND|REBOOT)\n"
                            + (checkForConflicts
                            ? "    busybox arping -D -q -c 2 -w 2 -I $interface $new_ip_address || { echo \"EVENT conflict $new_ip_address\" >> " + log + "; exit 1; }\n" : "")
                            + "    ip addr flush dev $interface; ip addr add $new_ip_address/24 dev $interface\n"
                            + "    for r in $new_routers; do ip route replace default via $r; done;;\n"
                            + "  EXPIRE|FAIL|RELEASE|STOP) ip addr flush dev $interface;;\n"
                            + "esac\nexit 0\n");
                    script.toFile().setExecutable(true);
                    daemon = ns.spawn(home.resolve("dhclient-" + runs + ".out"), "dhclient", "-4", "-d", "-v",
                            "-lf", home.resolve("dhclient.leases").toString(), "-pf", home.resolve("dhclient.pid").toString(),
                            "-sf", script.toString(), "-cf", "/dev/null", iface);
                    break;
                case UDHCPC:
                    Path events = home.resolve("udhcpc-script");
                    Files.writeString(events, "#!/bin/sh\n"
                            + "echo \"EVENT $1 $ip\"\n"
                            + "case \"$1\" in\n"
                            + "  bound|renew) ip addr flush dev $interface; ip addr add $ip/24 dev $interface;\n"
                            + "    for r in $router; do ip route replace default via $r; done;;\n"
                            + "  deconfig) ip addr flush dev $interface;;\n"
                            + "esac\nexit 0\n");
                    events.toFile().setExecutable(true);
                    List<String> command = new ArrayList<>(List.of("udhcpc", "-i", iface, "-f", "-t", "5", "-T", "1", "-A", "1",
                            "-s", events.toString(), "-p", home.resolve("udhcpc.pid").toString()));
                    if (checkForConflicts) {
                        command.add("-a");
                    }
                    String remembered = home.resolve("udhcpc.address").toFile().exists()
                            ? Files.readString(home.resolve("udhcpc.address")).trim() : null;
                    if (remembered != null) {
                        command.addAll(List.of("-r", remembered));
                    }
                    daemon = ns.spawn(log, command.toArray(new String[0]));
                    break;
                default:
                    daemon = ns.spawn(log, "dhcpcd", "-4", "-B", "-d", "-f", "/dev/null", "-t", "30", iface);
            }
        }

        /** Renews the lease and returns the address of the renewal's ACK. */
        String renew() throws Exception {
            switch (kind) {
                case DHCLIENT:
                    return awaitAddress("EVENT RENEW "); // dhclient renews on its own at T1 (5 s)
                case UDHCPC:
                    ns.exec("kill", "-USR1", pid("udhcpc.pid"));
                    return awaitAddress("EVENT renew ");
                default:
                    ns.exec("dhcpcd", "-4", "-n", iface);
                    return awaitAddress("renewing lease of ", "leased ");
            }
        }

        /** Stops the client as a reboot would, keeping what it remembers of its lease. */
        void stopWithoutRelease() throws Exception {
            switch (kind) {
                case DHCLIENT:
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    break;
                case UDHCPC:
                    String address = lastAddress();
                    Files.writeString(home.resolve("udhcpc.address"), address);
                    daemon.destroy();
                    daemon.waitFor(10, TimeUnit.SECONDS);
                    break;
                default:
                    // What dhcpcd -x does (SIGTERM: stop, keep the lease), without its short wait.
                    daemon.destroy();
                    if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
            }
            ns.exec("ip", "addr", "flush", "dev", iface);
        }

        /** Releases the lease and stops the client. */
        void release() throws Exception {
            switch (kind) {
                case DHCLIENT:
                    ns.exec("dhclient", "-4", "-r", "-lf", home.resolve("dhclient.leases").toString(),
                            "-pf", home.resolve("dhclient.pid").toString(), "-sf", home.resolve("dhclient-script").toString(),
                            "-cf", "/dev/null", iface);
                    daemon.waitFor(10, TimeUnit.SECONDS);
                    break;
                case UDHCPC:
                    ns.exec("kill", "-USR2", pid("udhcpc.pid"));
                    await("EVENT deconfig", 10);
                    break;
                default:
                    // What dhcpcd -k does, without its own short wait for the daemon to exit:
                    // SIGALRM makes the daemon release its lease and stop. dhcpcd 9.4 now and then
                    // loses a signal that lands while it forks a helper (seen in CI right after
                    // BOUND), so send it again until the daemon says it is releasing.
                    signalUntil("-ALRM", "releasing lease of", 4, 8);
                    if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                        daemon.destroy();
                    }
            }
            Thread.sleep(500); // the RELEASE is on its way
        }

        /** Sends {@code signal} to the daemon every {@code seconds} until its log shows {@code marker}, at most {@code attempts} times. */
        private void signalUntil(String signal, String marker, int attempts, int seconds) throws Exception {
            for (int attempt = 1; ; attempt++) {
                if (daemon.isAlive()) {
                    ns.run(10, "kill", signal, String.valueOf(daemon.pid()));
                }
                try {
                    await(marker, seconds);
                    return;
                } catch (AssertionError notYet) {
                    if (attempt == attempts) {
                        throw notYet;
                    }
                }
            }
        }

        private String pid(String file) throws IOException {
            return Files.readString(home.resolve(file)).trim();
        }

        private String lastAddress() throws IOException {
            Matcher m = ADDRESS.matcher(Files.readString(log));
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            return last;
        }

        /** Waits for a log line starting one of {@code markers} followed by an address; returns the address. */
        private String awaitAddress(String... markers) throws Exception {
            int from = Files.readString(log).length();
            String regex = "(?:" + String.join("|", markers) + ")" + ADDRESS.pattern();
            String found = awaitFrom(regex, 45, kind == Kind.DHCLIENT && !markers[0].contains("RENEW") ? 0 : from);
            Matcher m = Pattern.compile(regex).matcher(found);
            assertTrue(m.find());
            return m.group(1);
        }

        private void await(String regex, int seconds) throws Exception {
            awaitFrom(regex, seconds, 0);
        }

        private String awaitFrom(String regex, int seconds, int from) throws Exception {
            Pattern pattern = Pattern.compile(regex);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String text = Files.readString(log);
                Matcher m = pattern.matcher(text.substring(Math.min(from, text.length())));
                String last = null;
                while (m.find()) {
                    last = m.group();
                }
                if (last != null) {
                    return last;
                }
                Thread.sleep(100);
            }
            throw new AssertionError(kind + " " + segment + ": no '" + regex + "' within " + seconds + " s:\n" + Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            if (daemon != null && daemon.isAlive()) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // dhcpcd keeps its lease and state under the interface's name, outside the namespace.
            for (String file : List.of("/var/lib/dhcpcd/" + iface + ".lease", "/var/lib/dhcpcd/" + iface + "-4.lease",
                    "/run/dhcpcd/" + iface + ".pid", "/run/dhcpcd/" + iface + "-4.pid", "/run/dhcpcd/" + iface + "-4.sock",
                    "/run/dhcpcd/" + iface + "-4.unpriv.sock")) {
                Files.deleteIfExists(Path.of(file));
            }
        }
    }
}
