package dev.kakapo.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.testing.Ports;
import static dev.kakapo.server.testing.InProcessDhcp.await;
import static dev.kakapo.server.testing.InProcessDhcp.dora;
import static dev.kakapo.server.testing.InProcessDhcp.exchange;
import static dev.kakapo.server.testing.InProcessDhcp.ha;
import static dev.kakapo.server.testing.InProcessDhcp.haState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kakapo servers in one JVM, HA listeners on 127.0.0.x, DHCP handed to them in process: a
 * load-balancing pair splits clients as RFC 3074's hash says, maintenance hands every client to
 * the partner and back, and a passive-backup primary's two backups hold every lease.
 */
class HaModesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Ipv4Address RELAY = Ipv4Address.parse("10.1.0.1");

    @TempDir
    Path dir;
    private final Map<String, Dhcp4Server> servers = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private int unackedTolerance;
    /** More keys for the next server's relationship, such as its state-machine pauses. */
    private String extra = "";

    @AfterEach
    void stop() {
        servers.values().forEach(Dhcp4Server::close);
    }


    /** TLS for every peer (relationship level), when set: trust anchor, certificate, key. */
    private String[] tls;

    /** Peers named like their address's last byte: {"server1:primary", "server2:secondary", ...}. */
    private Dhcp4Server start(String self, String mode, String... peers) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String peer : peers) {
            String[] parts = peer.split(":");
            ports.computeIfAbsent(parts[0], name -> {
                try {
                    return Ports.free();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String host = "127.0.0." + parts[0].substring("server".length());
            list.append(list.length() == 0 ? "" : ",").append("{\"name\": \"").append(parts[0]).append("\", \"url\": \"")
                    .append(tls == null ? "http://" : "https://")
                    .append(host).append(':').append(ports.get(parts[0])).append("/\", \"role\": \"").append(parts[1]).append("\"}");
        }
        String config = "{\"Dhcp4\": {\"lease-database\": {\"type\": \"memfile\", \"persist\": false},"
                + "\"valid-lifetime\": 3600,"
                + "\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"},"
                + "  {\"library\": \"libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{"
                + "    \"this-server-name\": \"" + self + "\", \"mode\": \"" + mode + "\"," + extra
                + (tls == null ? "" : "    \"trust-anchor\": \"" + tls[0] + "\", \"cert-file\": \"" + tls[1]
                        + "\", \"key-file\": \"" + tls[2] + "\",")
                + "    \"heartbeat-delay\": 200, \"max-response-delay\": 1000, \"max-ack-delay\": 100, \"max-unacked-clients\": " + unackedTolerance + ","
                + "    \"peers\": [" + list + "]}]}}],"
                + "\"subnet4\": [{\"id\": 1, \"subnet\": \"10.1.0.0/24\", \"pools\": [{\"pool\": \"10.1.0.10-10.1.0.250\"}]}]}}";
        Dhcp4Server server = Dhcp4Server.builder().withoutSockets().configText(config).start();
        servers.put(self, server);
        return server;
    }




    private static DhcpPacket query(MessageType type, int client) {
        DhcpPacket query = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(client).hops(1).giaddr(RELAY)
                .hardwareAddress(HardwareAddress.parse(String.format("02:00:00:00:%02x:%02x", client >> 8, client & 0xff)))
                .messageType(type);
        query.options().put(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3});
        return query;
    }



    @Test
    void aLoadBalancingPairAnswersEachClientFromExactlyOneServerAsKeaWould() throws Exception {
        Dhcp4Server one = start("server1", "load-balancing", "server1:primary", "server2:secondary");
        Dhcp4Server two = start("server2", "load-balancing", "server1:primary", "server2:secondary");
        await(() -> haState(one).equals("load-balancing") && haState(two).equals("load-balancing"), 20,
                haState(one) + " / " + haState(two));
        int byPrimary = 0;
        for (int client = 1; client <= 40; client++) {
            boolean first = exchange(one, query(MessageType.DISCOVER, client), 300) != null;
            boolean second = exchange(two, query(MessageType.DISCOVER, client), 300) != null;
            assertTrue(first ^ second, "client " + client + " is answered by exactly one server");
            if (client == 1) {
                // chaddr 02:00:00:00:00:01 hashes to 133 (RFC 3074): Kea sends it to the secondary.
                assertTrue(second, "client 1 goes where Kea's hash sends it");
            }
            byPrimary += first ? 1 : 0;
        }
        assertTrue(byPrimary > 10 && byPrimary < 30, byPrimary + " of 40 to the primary");
        Ipv4Address leased = dora(two, query(MessageType.DISCOVER, 1));
        assertTrue(one.leases().get(leased).isPresent() && two.leases().get(leased).isPresent(), "on both servers");
    }

    @Test
    void loadBalancingRidesOutAnInterruptionInCommunicationRecovery() throws Exception {
        String lb = "load-balancing";
        unackedTolerance = 10; // no traffic for the secondary: it is never declared down, only out of reach
        Dhcp4Server one = start("server1", lb, "server1:primary", "server2:secondary");
        servers.put("server2", start("server2", lb, "server1:primary", "server2:secondary"));
        await(() -> haState(one).equals(lb) && haState(servers.get("server2")).equals(lb), 20, "both load-balancing");

        // The secondary goes away.
        servers.remove("server2").close();
        await(() -> haState(one).equals("communication-recovery"), 10, "communication-recovery: " + haState(one));
        int ours = 2;
        while (exchange(one, query(MessageType.DISCOVER, ours), 300) == null) {
            ours++;
        }
        Ipv4Address leased = dora(one, query(MessageType.DISCOVER, ours));

        Dhcp4Server two = start("server2", lb, "server1:primary", "server2:secondary");
        await(() -> haState(one).equals(lb) && haState(two).equals(lb), 30, "both load-balancing again: " + haState(one) + " / "
                + haState(two));
        assertTrue(two.leases().get(leased).isPresent(), "the lease given meanwhile reached the returning partner");
    }

    @Test
    void clientsTheSilentPartnerLeavesUnansweredDeclareItDown() throws Exception {
        String lb = "load-balancing";
        unackedTolerance = 2;
        Dhcp4Server one = start("server1", lb, "server1:primary", "server2:secondary");
        Dhcp4Server two = start("server2", lb, "server1:primary", "server2:secondary");
        await(() -> haState(one).equals(lb) && haState(two).equals(lb), 20, "both load-balancing");
        List<Integer> theirs = new ArrayList<>();
        for (int client = 1; theirs.size() < 3; client++) {
            if (exchange(two, query(MessageType.DISCOVER, client), 300) != null) {
                theirs.add(client);
            }
        }
        servers.remove("server2").close();
        await(() -> haState(one).equals("communication-recovery")
                && ha(one).path("ha-servers").path("remote").path("communication-interrupted").asBoolean(), 10,
                "communication-recovery, interrupted: " + ha(one));
        for (int client : theirs) {
            DhcpPacket retry = query(MessageType.DISCOVER, client).secs(5); // trying for 5 s, past max-ack-delay
            assertEquals(null, exchange(one, retry, 300), "not ours while the partner may still answer");
        }
        await(() -> haState(one).equals("partner-down"), 10, "three unacked clients, more than 2: " + haState(one));
        assertNotNull(exchange(one, query(MessageType.DISCOVER, theirs.get(0)), 3000), "served after the takeover");
    }

    @Test
    void pausesScopesAndManualSyncAnswerAsKeasCommandsDo() throws Exception {
        extra = "\"state-machine\": {\"states\": [{\"state\": \"waiting\", \"pause\": \"once\"}]},";
        Dhcp4Server one = start("server1", "hot-standby", "server1:primary", "server2:standby");
        extra = "";
        Dhcp4Server two = start("server2", "hot-standby", "server1:primary", "server2:standby");
        Thread.sleep(1500);
        assertEquals("waiting", haState(one), "paused in waiting");
        assertEquals("HA state machine continues.", one.execute(new CommandRequest("ha-continue", null)).text());
        assertEquals("HA state machine is not paused.", one.execute(new CommandRequest("ha-continue", null)).text());
        await(() -> haState(one).equals("hot-standby") && haState(two).equals("hot-standby"), 20, haState(one) + " / " + haState(two));

        CommandAnswer scopes = two.execute(new CommandRequest("ha-scopes", JSON.readTree("{\"scopes\": [\"server1\"]}")));
        assertEquals("New HA scopes configured.", scopes.text());
        assertNotNull(exchange(two, query(MessageType.DISCOVER, 30), 3000), "the standby serves the scope it was given");
        assertEquals("invalid server name specified 'nobody' while enabling/disabling HA scopes",
                two.execute(new CommandRequest("ha-scopes", JSON.readTree("{\"scopes\": [\"nobody\"]}"))).text());

        // A lease added on the primary by command is not replicated; ha-sync fetches it.
        assertEquals(0, one.execute(new CommandRequest("lease4-add", JSON.readTree(
                "{\"ip-address\": \"10.1.0.240\", \"hw-address\": \"02:00:00:00:02:40\"}"))).result());
        assertTrue(two.leases().get(Ipv4Address.parse("10.1.0.240")).isEmpty());
        CommandAnswer sync = two.execute(new CommandRequest("ha-sync", JSON.readTree("{\"server-name\": \"server1\", \"max-period\": 5}")));
        assertEquals("Lease database synchronization complete.", sync.text());
        assertTrue(two.leases().get(Ipv4Address.parse("10.1.0.240")).isPresent());
        assertEquals("'server2' points to local server but should point to a partner",
                two.execute(new CommandRequest("ha-sync", JSON.readTree("{\"server-name\": \"server2\"}"))).text());
    }

    @Test
    void maintenanceHandsEveryClientToThePartnerAndBack() throws Exception {
        Dhcp4Server one = start("server1", "hot-standby", "server1:primary", "server2:standby");
        Dhcp4Server two = start("server2", "hot-standby", "server1:primary", "server2:standby");
        await(() -> haState(one).equals("hot-standby") && haState(two).equals("hot-standby"), 20, haState(one) + " / " + haState(two));

        CommandAnswer started = two.execute(new CommandRequest("ha-maintenance-start", null));
        assertEquals(0, started.result(), started.text());
        assertEquals("partner-in-maintenance", haState(two));
        assertEquals("in-maintenance", haState(one));
        dora(two, query(MessageType.DISCOVER, 5));

        CommandAnswer cancelled = two.execute(new CommandRequest("ha-maintenance-cancel", null));
        assertEquals(0, cancelled.result(), cancelled.text());
        await(() -> haState(one).equals("hot-standby") && haState(two).equals("hot-standby"), 20, haState(one) + " / " + haState(two));
        dora(one, query(MessageType.DISCOVER, 6));
    }

    @Test
    void thePeerListenerRunsOnlyWhatPeersSendEachOther() throws Exception {
        start("server1", "hot-standby", "server1:primary", "server2:standby");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> post = command -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + ports.get("server1") + "/"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"command\": \"" + command + "\", \"service\": [\"dhcp4\"]}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        java.net.http.HttpResponse<String> refused = post.apply("shutdown");
        assertEquals(403, refused.statusCode());
        assertEquals("{\"result\":403,\"text\":\"Forbidden\"}", refused.body());
        java.net.http.HttpResponse<String> heartbeat = post.apply("ha-heartbeat");
        assertEquals(200, heartbeat.statusCode());
        assertEquals("HA peer status returned.", JSON.readTree(heartbeat.body()).get(0).get("text").asText());
    }

    @Test
    void aHotStandbyPairTalksOverTlsWithClientCertificates() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.kakapo.server.testing.Commands.onPath("openssl"),
                "needs openssl to make certificates; .ci/run installs it");
        dev.kakapo.server.testing.TestPki pki = new dev.kakapo.server.testing.TestPki(dir);
        Path ca = pki.make("ca", null);
        Path cert = pki.make("peer", ca);
        tls = new String[] {ca.toString(), cert.toString(), pki.key("peer").toString()};
        Dhcp4Server one = start("server1", "hot-standby", "server1:primary", "server2:standby");
        Dhcp4Server two = start("server2", "hot-standby", "server1:primary", "server2:standby");
        await(() -> haState(one).equals("hot-standby") && haState(two).equals("hot-standby"), 20, haState(one) + " / " + haState(two));
        Ipv4Address leased = dora(one, query(MessageType.DISCOVER, 9));
        assertTrue(two.leases().get(leased).isPresent(), "the update went over TLS");

        // A client that presents no certificate is turned away by the listener.
        javax.net.ssl.SSLContext trustOnly = javax.net.ssl.SSLContext.getInstance("TLS");
        java.security.KeyStore anchors = java.security.KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(ca)) {
            anchors.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        trustOnly.init(null, trust.getTrustManagers(), null);
        java.net.http.HttpClient anonymous = java.net.http.HttpClient.newBuilder().sslContext(trustOnly).build();
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> anonymous.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + ports.get("server1") + "/"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"command\": \"ha-heartbeat\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void passiveBackupServersHoldEveryLease() throws Exception {
        Dhcp4Server primary = start("server1", "passive-backup", "server1:primary", "server2:backup", "server3:backup");
        Dhcp4Server backup2 = start("server2", "passive-backup", "server1:primary", "server2:backup", "server3:backup");
        Dhcp4Server backup3 = start("server3", "passive-backup", "server1:primary", "server2:backup", "server3:backup");
        await(() -> haState(primary).equals("passive-backup") && haState(backup2).equals("backup") && haState(backup3).equals("backup"),
                20, haState(primary) + " / " + haState(backup2) + " / " + haState(backup3));
        List<Ipv4Address> leased = new ArrayList<>();
        for (int client = 1; client <= 10; client++) {
            leased.add(dora(primary, query(MessageType.DISCOVER, client)));
        }
        await(() -> leased.stream().allMatch(a -> backup2.leases().get(a).isPresent() && backup3.leases().get(a).isPresent()),
                10, "every lease on both backups");
        JsonNode local = ha(primary).path("ha-servers").path("local");
        assertEquals("[\"server1\"]", local.path("scopes").toString());
        assertTrue(ha(primary).path("ha-servers").path("remote").isMissingNode(), "passive-backup shows no remote: "
                + JSON.writeValueAsString(ha(primary)));
    }
}
