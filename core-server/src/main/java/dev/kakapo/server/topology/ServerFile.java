package dev.kakapo.server.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.HookLibraryConfig;
import dev.kakapo.server.config.Subnet4Config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One server of a deployment: its configuration file and the HA relationships it declares.
 *
 * @param file          the configuration file
 * @param config        its configuration
 * @param relationships the entries of its HA library's {@code high-availability}, in order
 */
record ServerFile(Path file, Dhcp4Config config, List<Relationship> relationships) {

    /**
     * A relationship as one side declares it.
     *
     * @param path       its JSON path in the file
     * @param self       this server's name in it
     * @param mode       the mode
     * @param peers      the peers, in configuration order
     */
    record Relationship(String path, String self, String mode, List<Peer> peers) {

        Peer peer(String name) {
            return peers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        }
    }

    /**
     * A peer entry.
     *
     * @param name its name
     * @param url  its URL
     * @param role its role
     */
    record Peer(String name, String url, String role) {
    }

    /** Reads the relationships of the file's HA library entry (Kea's {@code libdhcp_ha.so} or Kakapo's {@code ha}). */
    static ServerFile of(Path file, Dhcp4Config config) {
        List<Relationship> relationships = new ArrayList<>();
        for (HookLibraryConfig library : config.hooksLibraries()) {
            if (!"ha".equals(library.provider()) || library.parameters() == null) {
                continue;
            }
            JsonNode list = library.parameters().path("high-availability");
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                List<Peer> peers = new ArrayList<>();
                for (JsonNode peer : entry.path("peers")) {
                    peers.add(new Peer(peer.path("name").asText(), peer.path("url").asText(), peer.path("role").asText()));
                }
                relationships.add(new Relationship(library.path() + ".parameters.high-availability[" + i + "]",
                        entry.path("this-server-name").asText(), entry.path("mode").asText(), List.copyOf(peers)));
            }
        }
        return new ServerFile(file, config, List.copyOf(relationships));
    }

    /** The relationship in which this server is {@code name}, or null. */
    Relationship relationshipOf(String name) {
        return relationships.stream().filter(r -> r.self().equals(name)).findFirst().orElse(null);
    }

    /** The subnets whose {@code ha-server-name} is one of the relationship's peers. */
    List<Subnet4Config> subnetsOf(Relationship relationship) {
        List<Subnet4Config> subnets = new ArrayList<>();
        for (Subnet4Config subnet : config.subnets()) {
            String name = haServerName(subnet);
            if (name != null && relationship.peer(name) != null) {
                subnets.add(subnet);
            }
        }
        return subnets;
    }

    /** The subnet's {@code ha-server-name} (its own user context, else its shared network's), or null. */
    String haServerName(Subnet4Config subnet) {
        JsonNode own = subnet.userContext() == null ? null : subnet.userContext().get("ha-server-name");
        if (own != null && own.isTextual()) {
            return own.asText();
        }
        return config.sharedNetworks().stream().filter(n -> n.name().equals(subnet.sharedNetwork()))
                .map(n -> n.userContext() == null ? null : n.userContext().get("ha-server-name"))
                .filter(n -> n != null && n.isTextual()).map(JsonNode::asText).findFirst().orElse(null);
    }
}
