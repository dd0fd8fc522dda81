package dev.kakapo.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaJsonReader;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A deployment's Kea configurations made to run side by side on one machine's loopback: every
 * server address of the peers' URLs becomes 127.0.0.11, .12, ... (in file order), every relay
 * address 127.0.0.40, .41, ..., a subnet without relay gets 127.0.0.(100 + id) as its relay (the
 * article serves one subnet to directly attached clients; subnets lose their {@code interface}),
 * and each server gets its own control
 * socket and lease file in the lab's directory. Names, roles, ports, subnets and pools are kept.
 */
final class Deployment {

    /** One server of the deployment. */
    record Server(String label, Path config, String address, Path controlSocket, List<String> names) {
    }

    /** One relationship: its label (A, B, ...), its peers by role, and the subnets mapped to it. */
    record Relationship(String label, String primary, String secondary, String secondaryRole, List<String> backups,
                        Map<String, String> peerAddresses, List<Subnet> subnets) {
    }

    /** A subnet as the load generator sees it: its id, prefix, relay address and the number of addresses in its pools. */
    record Subnet(long id, String prefix, String relay, long capacity) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Server> servers = new ArrayList<>();
    private final List<Relationship> relationships = new ArrayList<>();

    private Deployment() {
    }

    List<Server> servers() {
        return servers;
    }

    List<Relationship> relationships() {
        return relationships;
    }

    Server server(String label) {
        return servers.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server '" + label + "'; the lab has "
                        + servers.stream().map(Server::label).toList()));
    }

    /** The server that is {@code name} in one of its relationships. */
    Server serverNamed(String name) {
        return servers.stream().filter(s -> s.names().contains(name)).findFirst().orElseThrow();
    }

    /**
     * Reads {@code files} and writes their loopback versions into {@code dir}.
     *
     * @param fastTimers shorten HA's timers (heartbeat 1 s, partner down after 3 s without
     *                   answer) so a failover shows in seconds rather than Kea's minute
     */
    static Deployment map(List<Path> files, Path dir, boolean fastTimers) throws IOException {
        Map<String, ObjectNode> roots = new LinkedHashMap<>();
        for (Path file : files) {
            JsonNode root;
            try {
                root = new KeaJsonReader().read(Files.readString(file), file.toString()).root().deepCopy();
            } catch (ConfigException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (!(root instanceof ObjectNode object) || !root.path("Dhcp4").isObject()) {
                throw new IOException(file + " is not a Dhcp4 configuration");
            }
            roots.put(file.getFileName().toString().replaceFirst("\\.json$", ""), object);
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (ObjectNode root : roots.values()) {
            List<ObjectNode> ha = relationshipsOf(root);
            if (!ha.isEmpty()) {
                String self = ha.get(0).path("this-server-name").asText();
                addresses.computeIfAbsent(host(peerUrl(ha.get(0), self)), h -> "127.0.0." + (11 + addresses.size()));
            }
        }
        Map<String, String> relays = new LinkedHashMap<>();
        Deployment deployment = new Deployment();
        Map<String, ObjectNode> firstSeen = new LinkedHashMap<>();
        Map<String, List<Subnet>> subnetsByServerName = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> entry : roots.entrySet()) {
            String label = entry.getKey();
            ObjectNode dhcp4 = (ObjectNode) entry.getValue().get("Dhcp4");
            List<String> names = new ArrayList<>();
            String own = null;
            for (ObjectNode relationship : relationshipsOf(entry.getValue())) {
                String self = relationship.path("this-server-name").asText();
                names.add(self);
                for (JsonNode peer : relationship.path("peers")) {
                    String host = host(peer.path("url").asText());
                    String mapped = addresses.computeIfAbsent(host, h -> "127.0.0." + (11 + addresses.size()));
                    ((ObjectNode) peer).put("url", peer.path("url").asText().replace("//" + host + ":", "//" + mapped + ":"));
                    if (peer.path("name").asText().equals(self)) {
                        own = mapped;
                    }
                }
                if (fastTimers) {
                    relationship.put("heartbeat-delay", 1000).put("max-response-delay", 3000)
                            .put("max-ack-delay", 500).put("max-unacked-clients", 0);
                }
                String key = new TreeSet<>(peerNames(relationship)).toString();
                firstSeen.putIfAbsent(key, relationship);
            }
            if (own == null) {
                throw new IOException(label + " takes part in no HA relationship");
            }
            Path socket = dir.resolve(label + ".sock");
            ObjectNode control = JSON.createObjectNode().put("socket-type", "unix").put("socket-name", socket.toString());
            dhcp4.remove("control-sockets");
            dhcp4.set("control-socket", control);
            ObjectNode leases = dhcp4.with("lease-database");
            leases.put("type", "memfile").put("persist", true).put("name", dir.resolve(label + "-leases4.csv").toString());
            ObjectNode interfaces = dhcp4.with("interfaces-config");
            interfaces.set("interfaces", JSON.createArrayNode().add("lo/" + own));
            for (JsonNode subnet : dhcp4.path("subnet4")) {
                mapSubnet((ObjectNode) subnet, relays, subnetsByServerName);
            }
            for (JsonNode network : dhcp4.path("shared-networks")) {
                ((ObjectNode) network).remove("interface");
                for (JsonNode subnet : network.path("subnet4")) {
                    mapSubnet((ObjectNode) subnet, relays, subnetsByServerName);
                }
            }
            Path config = dir.resolve(label + ".json");
            Files.writeString(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entry.getValue()));
            deployment.servers.add(new Server(label, config, own, socket, List.copyOf(names)));
        }
        char label = 'A';
        for (ObjectNode relationship : firstSeen.values()) {
            deployment.relationships.add(relationshipOf(String.valueOf(label++), relationship, subnetsByServerName));
        }
        return deployment;
    }

    private static void mapSubnet(ObjectNode subnet, Map<String, String> relays, Map<String, List<Subnet>> byServerName) {
        subnet.remove("interface"); // the lab's clients come through relays on loopback
        ObjectNode relay = subnet.with("relay");
        ArrayNode mapped = JSON.createArrayNode();
        JsonNode given = relay.path("ip-addresses");
        if (given.isArray() && given.size() > 0) {
            for (JsonNode address : given) {
                mapped.add(relays.computeIfAbsent(address.asText(), a -> "127.0.0." + (40 + relays.size())));
            }
        } else if (relay.has("ip-address")) {
            mapped.add(relays.computeIfAbsent(relay.path("ip-address").asText(), a -> "127.0.0." + (40 + relays.size())));
            relay.remove("ip-address");
        } else {
            mapped.add("127.0.0." + (100 + subnet.path("id").asInt()));
        }
        relay.set("ip-addresses", mapped);
        String haName = subnet.path("user-context").path("ha-server-name").asText("");
        long capacity = 0;
        for (JsonNode pool : subnet.path("pools")) {
            capacity += poolSize(pool.path("pool").asText());
        }
        Subnet view = new Subnet(subnet.path("id").asLong(), subnet.path("subnet").asText(), mapped.get(0).asText(), capacity);
        List<Subnet> list = byServerName.computeIfAbsent(haName, n -> new ArrayList<>());
        if (list.stream().noneMatch(s -> s.id() == view.id())) {
            list.add(view);
        }
    }

    /** The size of a pool written {@code first-last} or {@code prefix/length}. */
    static long poolSize(String pool) {
        String text = pool.replace(" ", "");
        if (text.contains("/")) {
            return 1L << (32 - Integer.parseInt(text.substring(text.indexOf('/') + 1)));
        }
        String[] ends = text.split("-");
        return ends.length != 2 ? 0 : Ipv4Address.parse(ends[1]).unsigned() - Ipv4Address.parse(ends[0]).unsigned() + 1;
    }

    private static Relationship relationshipOf(String label, ObjectNode relationship, Map<String, List<Subnet>> subnetsByName) {
        String primary = null;
        String secondary = null;
        String secondaryRole = null;
        List<String> backups = new ArrayList<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        List<Subnet> subnets = new ArrayList<>();
        for (JsonNode peer : relationship.path("peers")) {
            String name = peer.path("name").asText();
            String role = peer.path("role").asText();
            addresses.put(name, host(peer.path("url").asText()));
            switch (role) {
                case "primary" -> primary = name;
                case "backup" -> backups.add(name);
                default -> {
                    secondary = name;
                    secondaryRole = role;
                }
            }
            for (Subnet subnet : subnetsByName.getOrDefault(name, List.of())) {
                if (subnets.stream().noneMatch(s -> s.id() == subnet.id())) {
                    subnets.add(subnet);
                }
            }
        }
        return new Relationship(label, primary, secondary, secondaryRole, List.copyOf(backups), addresses, List.copyOf(subnets));
    }

    private static List<ObjectNode> relationshipsOf(ObjectNode root) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode library : root.path("Dhcp4").path("hooks-libraries")) {
            for (JsonNode relationship : library.path("parameters").path("high-availability")) {
                out.add((ObjectNode) relationship);
            }
        }
        return out;
    }

    private static List<String> peerNames(JsonNode relationship) {
        List<String> names = new ArrayList<>();
        relationship.path("peers").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private static String peerUrl(JsonNode relationship, String name) {
        for (JsonNode peer : relationship.path("peers")) {
            if (peer.path("name").asText().equals(name)) {
                return peer.path("url").asText();
            }
        }
        return "";
    }

    private static String host(String url) {
        String host = URI.create(url).getHost();
        return host == null ? "" : host;
    }
}
