package dev.kakapo.server.topology;

import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ConfigProblem;
import dev.kakapo.server.config.HookLibraryResolver;
import dev.kakapo.server.config.KeaConfigLoader;
import dev.kakapo.server.config.Pool4Config;
import dev.kakapo.server.config.Subnet4Config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks that the configurations of a deployment's servers fit together: each relationship is
 * declared alike on every side (peer names, URLs, roles, mode, backups included), partners
 * agree on the subnets they share (id, prefix, pools), every subnet belongs to a relationship
 * when a server has several, and no two relationships listen on one URL.
 */
public final class TopologyCheck {

    private final List<ServerFile> servers;

    TopologyCheck(List<ServerFile> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Reads each server's configuration file (checked as {@code kakapo-dhcp4 -t} checks it).
     *
     * @throws ConfigException naming the file whose configuration is refused
     */
    public static TopologyCheck of(List<Path> files, HookLibraryResolver hooks) throws ConfigException {
        List<ServerFile> servers = new ArrayList<>();
        for (Path file : files) {
            try {
                servers.add(ServerFile.of(file, new KeaConfigLoader(hooks, KeaConfigLoader.Mode.CHECK).load(file).config()));
            } catch (ConfigException e) {
                List<ConfigProblem> named = new ArrayList<>();
                for (ConfigProblem problem : e.errors()) {
                    named.add(new ConfigProblem(problem.severity(), file + ": " + problem.path(), problem.location(),
                            problem.message()));
                }
                throw new ConfigException(named);
            }
        }
        return new TopologyCheck(servers);
    }

    /** What does not fit, in file order; empty when the deployment is consistent. */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        Map<String, ServerFile> byName = new HashMap<>();
        Map<String, String> listeners = new LinkedHashMap<>();
        for (ServerFile server : servers) {
            for (ServerFile.Relationship relationship : server.relationships()) {
                byName.put(relationship.self(), server);
                ServerFile.Peer self = relationship.peer(relationship.self());
                if (self == null) {
                    findings.add(new Finding(server.file(), relationship.path() + ".this-server-name",
                            "'" + relationship.self() + "' is not one of the relationship's peers"));
                    continue;
                }
                String owner = listeners.putIfAbsent(self.url(), server.file() + " as " + self.name());
                if (owner != null) {
                    findings.add(new Finding(server.file(), relationship.path() + ".peers",
                            "the listener " + self.url() + " of " + self.name() + " is already " + owner + "'s"));
                }
            }
        }
        for (ServerFile server : servers) {
            for (ServerFile.Relationship relationship : server.relationships()) {
                for (ServerFile.Peer peer : relationship.peers()) {
                    if (peer.name().equals(relationship.self())) {
                        continue;
                    }
                    ServerFile other = byName.get(peer.name());
                    if (other == null) {
                        findings.add(new Finding(server.file(), relationship.path() + ".peers",
                                "peer '" + peer.name() + "' is this-server-name in none of the files given"));
                        continue;
                    }
                    compare(server, relationship, other, other.relationshipOf(peer.name()), findings);
                }
            }
            unmappedSubnets(server, findings);
        }
        return findings;
    }

    /** One side's view of a relationship against the other side's (each pair is looked at from both sides). */
    private static void compare(ServerFile server, ServerFile.Relationship ours, ServerFile other,
                                ServerFile.Relationship theirs, List<Finding> findings) {
        if (!ours.mode().equals(theirs.mode())) {
            findings.add(new Finding(server.file(), ours.path() + ".mode", "'" + ours.mode() + "' here, '" + theirs.mode()
                    + "' in " + other.file() + " for " + theirs.self()));
        }
        for (ServerFile.Peer peer : ours.peers()) {
            ServerFile.Peer there = theirs.peer(peer.name());
            if (there == null) {
                findings.add(new Finding(server.file(), ours.path() + ".peers", "peer '" + peer.name() + "' is missing from "
                        + theirs.self() + "'s relationship in " + other.file()));
            } else if (!there.url().equals(peer.url()) || !there.role().equals(peer.role())) {
                findings.add(new Finding(server.file(), ours.path() + ".peers", "peer '" + peer.name() + "' is " + peer.role()
                        + " at " + peer.url() + " here but " + there.role() + " at " + there.url() + " in " + other.file()));
            }
        }
        Map<Long, Subnet4Config> theirSubnets = other.subnetsOf(theirs).stream()
                .collect(Collectors.toMap(Subnet4Config::id, s -> s, (a, b) -> a));
        for (Subnet4Config subnet : server.subnetsOf(ours)) {
            Subnet4Config match = theirSubnets.get(subnet.id());
            if (match == null) {
                findings.add(new Finding(server.file(), subnet.path(), "subnet " + subnet.id() + " (" + subnet.prefix()
                        + ") has no counterpart mapped to " + theirs.self() + "'s relationship in " + other.file()));
            } else if (!match.prefix().equals(subnet.prefix()) || !pools(match).equals(pools(subnet))) {
                findings.add(new Finding(server.file(), subnet.path(), "subnet " + subnet.id() + " is " + subnet.prefix()
                        + " with pools " + pools(subnet) + " here but " + match.prefix() + " with pools " + pools(match)
                        + " in " + other.file()));
            }
        }
    }

    private static List<String> pools(Subnet4Config subnet) {
        return subnet.pools().stream().map(Pool4Config::toString).collect(Collectors.toList());
    }

    private static void unmappedSubnets(ServerFile server, List<Finding> findings) {
        if (server.relationships().isEmpty()) {
            return;
        }
        for (Subnet4Config subnet : server.config().subnets()) {
            String name = server.haServerName(subnet);
            boolean mapped = name != null && server.relationships().stream().anyMatch(r -> r.peer(name) != null);
            if (!mapped && (server.relationships().size() > 1 || name != null)) {
                findings.add(new Finding(server.file(), subnet.path(), "subnet " + subnet.id() + " (" + subnet.prefix()
                        + ") belongs to no relationship" + (name == null ? " (no ha-server-name)"
                        : " ('" + name + "' is in none)")));
            }
        }
    }

    /** The deployment as an SVG picture: servers, relationships by colour, backups dotted, subnets. */
    public String svg() {
        return TopologySvg.draw(servers);
    }

    /** The deployment as text: each relationship with its peers, roles and the files declaring them. */
    public String drawing() {
        StringBuilder out = new StringBuilder();
        Map<String, ServerFile> byName = new HashMap<>();
        servers.forEach(s -> s.relationships().forEach(r -> byName.put(r.self(), s)));
        List<String> drawn = new ArrayList<>();
        for (ServerFile server : servers) {
            for (ServerFile.Relationship relationship : server.relationships()) {
                String key = relationship.peers().stream().map(ServerFile.Peer::name).sorted().collect(Collectors.joining(","));
                if (drawn.contains(key)) {
                    continue;
                }
                drawn.add(key);
                out.append(relationship.mode()).append(':');
                for (ServerFile.Peer peer : relationship.peers()) {
                    ServerFile host = byName.get(peer.name());
                    out.append("\n  ").append(peer.role().equals("backup") ? "  ..." : "  ").append(peer.name())
                            .append(" (").append(peer.role()).append(", ").append(peer.url()).append(", ")
                            .append(host == null ? "no file" : host.file().getFileName()).append(')');
                }
                List<String> subnets = server.subnetsOf(relationship).stream()
                        .map(s -> s.id() + " " + s.prefix()).collect(Collectors.toList());
                out.append("\n  subnets: ").append(subnets.isEmpty() ? "none" : String.join(", ", subnets));
                out.append('\n');
            }
        }
        return out.toString();
    }
}
