package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code high-availability} parameter as Kea's HA library does: Kea's keys and
 * defaults, and its validation (roles per mode, names, URLs). A problem is an
 * {@link IllegalArgumentException} whose message starts with the JSON path below the library's
 * {@code parameters} ({@code high-availability[0].peers: ...}).
 */
final class HaConfigParser {

    private static final Set<String> RELATIONSHIP_KEYS = Set.of("this-server-name", "mode", "heartbeat-delay",
            "max-response-delay", "max-ack-delay", "max-unacked-clients", "max-rejected-lease-updates",
            "delayed-updates-limit", "send-lease-updates", "sync-leases", "sync-timeout", "sync-page-limit",
            "wait-backup-ack", "restrict-commands", "require-client-certs", "trust-anchor", "cert-file", "key-file",
            "multi-threading", "peers", "state-machine", "user-context", "comment");
    private static final Set<String> PEER_KEYS = Set.of("name", "url", "role", "auto-failover", "basic-auth-user",
            "basic-auth-password", "basic-auth-password-file", "trust-anchor", "cert-file", "key-file", "user-context",
            "comment");

    private HaConfigParser() {
    }

    static List<HaConfig> parse(JsonNode parameters) {
        JsonNode list = parameters.get("high-availability");
        if (list == null) {
            throw new IllegalArgumentException("'high-availability' is required");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("high-availability: a non-empty list of relationships is required");
        }
        List<HaConfig> relationships = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            relationships.add(relationship(list.get(i), "high-availability[" + i + "]"));
        }
        if (relationships.size() > 1) {
            // Hub and spoke, as Kea 2.5.5 and later read it: every peer name in one relationship only.
            // Unlike Kea, each relationship keeps its own mode (Kea accepts hot-standby only).
            Set<String> names = new HashSet<>();
            Set<URI> listeners = new HashSet<>();
            for (HaConfig relationship : relationships) {
                if (!listeners.add(relationship.self().url())) {
                    throw new IllegalArgumentException(relationship.path() + ".peers: this server's URL "
                            + relationship.self().url() + " is already the listener of another relationship");
                }
                for (PeerConfig peer : relationship.peers()) {
                    if (!names.add(peer.name())) {
                        throw new IllegalArgumentException(relationship.path() + ".peers: server names must be unique for "
                                + "different relationships ('" + peer.name() + "')");
                    }
                }
            }
        }
        return relationships;
    }

    private static HaConfig relationship(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": a map is required");
        }
        unknownKeys(node, RELATIONSHIP_KEYS, path);
        String name = requiredString(node, "this-server-name", path).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(path + ".this-server-name: must not be empty");
        }
        String modeText = requiredString(node, "mode", path);
        HaMode mode = HaMode.of(modeText);
        if (mode == null) {
            throw new IllegalArgumentException(path + ".mode: '" + modeText
                    + "' is not a mode: expected load-balancing, hot-standby or passive-backup");
        }
        int heartbeatDelay = (int) integer(node, "heartbeat-delay", 10000, 0, 65535, path);
        int maxResponseDelay = (int) integer(node, "max-response-delay", 60000, 0, 65535, path);
        int maxAckDelay = (int) integer(node, "max-ack-delay", 10000, 0, 65535, path);
        long maxUnacked = integer(node, "max-unacked-clients", 10, 0, 0xFFFF_FFFFL, path);
        long maxRejected = integer(node, "max-rejected-lease-updates", 10, 0, 0xFFFF_FFFFL, path);
        long delayedLimit = integer(node, "delayed-updates-limit", mode == HaMode.LOAD_BALANCING ? 100 : 0, 0,
                0xFFFF_FFFFL, path);
        boolean sendUpdates = bool(node, "send-lease-updates", true, path);
        boolean syncLeases = bool(node, "sync-leases", true, path);
        long syncTimeout = integer(node, "sync-timeout", 60000, 0, 0xFFFF_FFFFL, path);
        long syncPageLimit = integer(node, "sync-page-limit", 10000, 1, 0xFFFF_FFFFL, path);
        boolean waitBackupAck = bool(node, "wait-backup-ack", false, path);
        // Kea 3's default: a peer listener that runs any command is a remote shutdown switch.
        boolean restrictCommands = bool(node, "restrict-commands", true, path);
        boolean requireClientCerts = bool(node, "require-client-certs", true, path);
        int primaryShare = primaryShare(node.path("user-context"), mode, path);
        String[] tls = {text(node, "trust-anchor", null, path), text(node, "cert-file", null, path),
            text(node, "key-file", null, path)};
        List<PeerConfig> peers = peers(node.get("peers"), path + ".peers", tls);
        Map<String, String> pauses = pauses(node.path("state-machine"), path + ".state-machine");
        HaConfig config = new HaConfig(name, mode, heartbeatDelay, maxResponseDelay, maxAckDelay, maxUnacked, maxRejected,
                delayedLimit, sendUpdates, syncLeases, syncTimeout, syncPageLimit, waitBackupAck, restrictCommands,
                requireClientCerts, primaryShare, List.copyOf(peers),
                pauses, path);
        validate(config, path);
        return config;
    }

    /**
     * Kakapo's own uneven load-balancing split, kept in the relationship's {@code user-context}
     * (which Kea ignores, so the file stays valid for Kea): {@code {"kakapo": {"primary-share": 70}}}.
     * A Kea partner always splits evenly, so both sides of an uneven split must be Kakapo.
     */
    private static int primaryShare(JsonNode context, HaMode mode, String path) {
        JsonNode share = context.path("kakapo").get("primary-share");
        if (share == null) {
            return 50;
        }
        String at = path + ".user-context.kakapo.primary-share";
        if (mode != HaMode.LOAD_BALANCING) {
            throw new IllegalArgumentException(at + ": only load-balancing splits clients");
        }
        if (!share.isIntegralNumber() || share.asInt() < 1 || share.asInt() > 99) {
            throw new IllegalArgumentException(at + ": must be a percentage from 1 to 99");
        }
        return share.asInt();
    }

    private static void validate(HaConfig config, String path) {
        if (config.peers().stream().noneMatch(p -> p.name().equals(config.thisServerName()))) {
            throw new IllegalArgumentException(path + ".this-server-name: '" + config.thisServerName()
                    + "' is not the name of any peer");
        }
        Map<PeerRole, Integer> roles = new LinkedHashMap<>();
        for (PeerConfig peer : config.peers()) {
            roles.merge(peer.role(), 1, Integer::sum);
        }
        for (PeerRole role : List.of(PeerRole.PRIMARY, PeerRole.SECONDARY, PeerRole.STANDBY)) {
            if (roles.getOrDefault(role, 0) > 1) {
                throw new IllegalArgumentException(path + ".peers: more than one peer has the role " + role.wireName());
            }
        }
        boolean primary = roles.containsKey(PeerRole.PRIMARY);
        boolean secondary = roles.containsKey(PeerRole.SECONDARY);
        boolean standby = roles.containsKey(PeerRole.STANDBY);
        switch (config.mode()) {
            case LOAD_BALANCING:
                if (!primary || !secondary || standby) {
                    throw new IllegalArgumentException(path + ".peers: load-balancing needs one primary and one secondary, "
                            + "and no standby");
                }
                if (config.waitBackupAck()) {
                    throw new IllegalArgumentException(path + ".wait-backup-ack: must be false in load-balancing mode");
                }
                break;
            case HOT_STANDBY:
                if (!primary || !standby || secondary) {
                    throw new IllegalArgumentException(path + ".peers: hot-standby needs one primary and one standby, "
                            + "and no secondary");
                }
                if (config.waitBackupAck()) {
                    throw new IllegalArgumentException(path + ".wait-backup-ack: must be false in hot-standby mode");
                }
                if (config.delayedUpdatesLimit() != 0) {
                    throw new IllegalArgumentException(path + ".delayed-updates-limit: must be 0 in hot-standby mode");
                }
                break;
            default:
                if (!primary || secondary || standby) {
                    throw new IllegalArgumentException(path + ".peers: passive-backup needs one primary, and no secondary "
                            + "or standby");
                }
                if (config.delayedUpdatesLimit() != 0) {
                    throw new IllegalArgumentException(path + ".delayed-updates-limit: must be 0 in passive-backup mode");
                }
        }
    }

    private static List<PeerConfig> peers(JsonNode list, String path, String[] globalTls) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(path + ": a non-empty list of peers is required");
        }
        List<PeerConfig> peers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode node = list.get(i);
            unknownKeys(node, PEER_KEYS, at);
            String name = requiredString(node, "name", at).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(at + ".name: must not be empty");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(at + ".name: peer '" + name + "' is configured twice");
            }
            String urlText = requiredString(node, "url", at);
            String roleText = requiredString(node, "role", at);
            PeerRole role = PeerRole.of(roleText);
            if (role == null) {
                throw new IllegalArgumentException(at + ".role: '" + roleText
                        + "' is not a role: expected primary, secondary, standby or backup");
            }
            boolean autoFailover = bool(node, "auto-failover", true, at);
            PeerConfig.Tls tls = tls(node, globalTls, at);
            URI url = url(urlText, at + ".url", tls != null);
            peers.add(new PeerConfig(name, url, role, autoFailover, basicAuth(node, at), tls));
        }
        return peers;
    }

    /**
     * The peer's TLS files: its own trust-anchor, cert-file and key-file over the relationship's
     * (an empty string unsets one), all three or none, as Kea checks them.
     */
    private static PeerConfig.Tls tls(JsonNode node, String[] global, String path) {
        String[] keys = {"trust-anchor", "cert-file", "key-file"};
        String[] effective = new String[3];
        int set = 0;
        for (int i = 0; i < 3; i++) {
            String own = text(node, keys[i], null, path);
            effective[i] = own != null ? own : global[i];
            if (effective[i] != null && effective[i].isEmpty()) {
                effective[i] = null;
            }
            set += effective[i] != null ? 1 : 0;
        }
        if (set == 0) {
            return null;
        }
        if (set != 3) {
            throw new IllegalArgumentException(path + ": trust-anchor, cert-file and key-file go together: all three or none");
        }
        return new PeerConfig.Tls(effective[0], effective[1], effective[2]);
    }

    private static URI url(String text, String path, boolean tls) {
        try {
            URI url = new URI(text);
            if ("https".equals(url.getScheme()) && !tls) {
                throw new IllegalArgumentException(path + ": '" + text + "' is https but no TLS is configured "
                        + "(trust-anchor, cert-file, key-file)");
            }
            if ("http".equals(url.getScheme()) && tls) {
                throw new IllegalArgumentException(path + ": '" + text + "' is http but TLS is configured for this peer");
            }
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
                throw new IllegalArgumentException(path + ": '" + text + "' is not an http(s)://address:port/ URL");
            }
            if (!url.getHost().matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && !url.getHost().startsWith("[")) {
                throw new IllegalArgumentException(path + ": '" + text + "' names a host; Kea needs an IP address");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path + ": '" + text + "' is not a URL: " + e.getMessage());
        }
    }

    private static String basicAuth(JsonNode node, String path) {
        String user = node.hasNonNull("basic-auth-user") ? node.get("basic-auth-user").asText() : "";
        boolean inline = node.hasNonNull("basic-auth-password");
        boolean file = node.hasNonNull("basic-auth-password-file");
        if (inline && file) {
            throw new IllegalArgumentException(path + ": basic-auth-password and basic-auth-password-file exclude each other");
        }
        if (user.isEmpty()) {
            return null;
        }
        if (user.contains(":")) {
            throw new IllegalArgumentException(path + ".basic-auth-user: must not contain ':'");
        }
        String password = "";
        if (inline) {
            password = node.get("basic-auth-password").asText();
        } else if (file) {
            try {
                password = Files.readString(Path.of(node.get("basic-auth-password-file").asText()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(path + ".basic-auth-password-file: cannot be read: " + e.getMessage());
            }
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> pauses(JsonNode machine, String path) {
        Map<String, String> pauses = new LinkedHashMap<>();
        JsonNode states = machine.path("states");
        for (int i = 0; i < states.size(); i++) {
            JsonNode entry = states.get(i);
            String at = path + ".states[" + i + "]";
            String state = requiredString(entry, "state", at);
            if (HaState.of(state) == null || HaState.of(state) == HaState.UNAVAILABLE) {
                throw new IllegalArgumentException(at + ".state: '" + state + "' is not a state");
            }
            String pause = entry.hasNonNull("pause") ? entry.get("pause").asText() : "never";
            if (!Set.of("always", "once", "never").contains(pause)) {
                throw new IllegalArgumentException(at + ".pause: '" + pause + "' is not always, once or never");
            }
            if (pauses.put(state, pause) != null) {
                throw new IllegalArgumentException(at + ".state: '" + state + "' is configured twice");
            }
        }
        return pauses;
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String path) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException(path + "." + key + ": unknown key");
            }
        }
    }

    private static String requiredString(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new IllegalArgumentException(path + "." + key + ": is required");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + "." + key + ": must be a string");
        }
        return value.asText();
    }

    private static String text(JsonNode node, String key, String otherwise, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + "." + key + ": must be a string");
        }
        return value.asText();
    }

    private static long integer(JsonNode node, String key, long otherwise, long min, long max, String path) {
        JsonNode value = node.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException(path + "." + key + ": must be an integer from " + min + " to " + max);
        }
        return value.asLong();
    }

    private static boolean bool(JsonNode node, String key, boolean otherwise, String path) {
        JsonNode value = node.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(path + "." + key + ": must be true or false");
        }
        return value.asBoolean();
    }
}
