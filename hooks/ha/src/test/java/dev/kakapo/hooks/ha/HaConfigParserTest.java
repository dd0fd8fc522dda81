package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The high-availability parameter read with Kea's defaults and refused as Kea refuses it, naming the JSON path. */
class HaConfigParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String relationship(String mode, String roles, String extra) {
        String[] r = roles.split(",");
        return "{\"high-availability\": [{\"this-server-name\": \"server1\", \"mode\": \"" + mode + "\"" + extra + ","
                + "\"peers\": [{\"name\": \"server1\", \"url\": \"http://192.0.2.1:8001/\", \"role\": \"" + r[0] + "\"},"
                + "{\"name\": \"server2\", \"url\": \"http://192.0.2.2:8001/\", \"role\": \"" + r[1] + "\"}]}]}";
    }

    private static HaConfig parse(String parameters) throws Exception {
        return HaConfigParser.parse(JSON.readTree(parameters)).get(0);
    }

    private static String refusal(String parameters) {
        return assertThrows(IllegalArgumentException.class, () -> parse(parameters)).getMessage();
    }

    @Test
    void takesKeasDefaults() throws Exception {
        HaConfig config = parse(relationship("load-balancing", "primary,secondary", ""));
        assertEquals(10000, config.heartbeatDelay());
        assertEquals(60000, config.maxResponseDelay());
        assertEquals(10000, config.maxAckDelay());
        assertEquals(10, config.maxUnackedClients());
        assertEquals(100, config.delayedUpdatesLimit(), "load-balancing's own default");
        assertEquals(10000, config.syncPageLimit());
        assertTrue(config.sendLeaseUpdates() && config.syncLeases());
        assertFalse(config.waitBackupAck());
        assertEquals("server2", config.partner().name());
        assertEquals(0, parse(relationship("hot-standby", "primary,standby", "")).delayedUpdatesLimit());
    }

    @Test
    void refusesRolesTheModeDoesNotHave() {
        assertEquals("high-availability[0].peers: hot-standby needs one primary and one standby, and no secondary",
                refusal(relationship("hot-standby", "primary,secondary", "")));
        assertEquals("high-availability[0].peers: load-balancing needs one primary and one secondary, and no standby",
                refusal(relationship("load-balancing", "primary,standby", "")));
        assertEquals("high-availability[0].peers: more than one peer has the role primary",
                refusal(relationship("load-balancing", "primary,primary", "")));
        assertEquals("high-availability[0].delayed-updates-limit: must be 0 in hot-standby mode",
                refusal(relationship("hot-standby", "primary,standby", ", \"delayed-updates-limit\": 5")));
    }

    @Test
    void namesThePathOfWhatIsWrong() {
        assertEquals("high-availability[0].mode: 'hot' is not a mode: expected load-balancing, hot-standby or passive-backup",
                refusal(relationship("hot", "primary,standby", "")));
        assertEquals("high-availability[0].heartbeat-delay: must be an integer from 0 to 65535",
                refusal(relationship("hot-standby", "primary,standby", ", \"heartbeat-delay\": 70000")));
        assertEquals("high-availability[0].this-server-name: 'server3' is not the name of any peer",
                refusal(relationship("hot-standby", "primary,standby", "").replace("\"this-server-name\": \"server1\"",
                        "\"this-server-name\": \"server3\"")));
        assertTrue(refusal(relationship("hot-standby", "primary,standby", "").replace("http://192.0.2.2", "https://192.0.2.2"))
                .startsWith("high-availability[0].peers[1].url: 'https://192.0.2.2:8001/' is https but no TLS is configured"));
        assertEquals("'high-availability' is required", refusal("{}"));
    }

    @Test
    void takesTlsFilesAllThreeOrNonePeersOverridingTheRelationship() throws Exception {
        String files = ", \"trust-anchor\": \"/ca.pem\", \"cert-file\": \"/c.pem\", \"key-file\": \"/k.pem\"";
        String https = relationship("hot-standby", "primary,standby", files).replace("http://", "https://");
        HaConfig config = parse(https);
        assertEquals(new PeerConfig.Tls("/ca.pem", "/c.pem", "/k.pem"), config.partner().tls());
        assertEquals("high-availability[0].peers[0]: trust-anchor, cert-file and key-file go together: all three or none",
                refusal(https.replace("\"role\": \"primary\"}", "\"role\": \"primary\", \"key-file\": \"\"}")));
        assertTrue(refusal(relationship("hot-standby", "primary,standby", files)).contains("is http but TLS is configured"));
    }

    @Test
    void takesAnUnevenSplitForLoadBalancingOnly() throws Exception {
        String share = ", \"user-context\": {\"kakapo\": {\"primary-share\": 70}}";
        assertEquals(70, parse(relationship("load-balancing", "primary,secondary", share)).primaryShare());
        assertEquals(50, parse(relationship("load-balancing", "primary,secondary", "")).primaryShare());
        assertEquals("high-availability[0].user-context.kakapo.primary-share: only load-balancing splits clients",
                refusal(relationship("hot-standby", "primary,standby", share)));
        assertEquals("high-availability[0].user-context.kakapo.primary-share: must be a percentage from 1 to 99",
                refusal(relationship("load-balancing", "primary,secondary", share.replace("70", "100"))));
    }

    @Test
    void sendsTheConfiguredBasicAuthentication() throws Exception {
        HaConfig config = parse(relationship("hot-standby", "primary,standby", "").replace(
                "\"role\": \"standby\"}", "\"role\": \"standby\", \"basic-auth-user\": \"ha\", \"basic-auth-password\": \"s3cret\"}"));
        assertEquals("Basic aGE6czNjcmV0", config.partner().basicAuth());
    }

    @Test
    void acceptsHubAndSpokeWithUniqueNamesAndAModeForEachRelationship() throws Exception {
        String two = "{\"high-availability\": [" + relationship("hot-standby", "primary,standby", "").replaceAll("^\\{\"high-availability\": \\[|]}$", "")
                + "," + relationship("hot-standby", "primary,standby", "").replaceAll("^\\{\"high-availability\": \\[|]}$", "")
                .replace("server1", "server3").replace("server2", "server4").replace(":8001/", ":8002/") + "]}";
        assertEquals(2, HaConfigParser.parse(JSON.readTree(two)).size());
        String clash = two.replace("server4", "server2");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HaConfigParser.parse(JSON.readTree(clash))).getMessage()
                .contains("server names must be unique"));
        String loadBalancing = two.replaceFirst("hot-standby", "load-balancing").replaceFirst("\"standby\"", "\"secondary\"");
        assertEquals(HaMode.LOAD_BALANCING, HaConfigParser.parse(JSON.readTree(loadBalancing)).get(0).mode(),
                "past Kea, which takes hot-standby only");
    }
}
