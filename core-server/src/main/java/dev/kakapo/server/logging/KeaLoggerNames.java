package dev.kakapo.server.logging;

import java.util.List;
import java.util.Map;

/**
 * Which of Kakapo's loggers a Kea logger name stands for. {@code kea-dhcp4} is every logger; its
 * children name parts of the server as Kea's do (Kea's ARM, "Logging"); a child Kakapo does not
 * know is kept under its own name, for third-party hook libraries that log under it.
 */
final class KeaLoggerNames {

    /** Kea's root logger of the DHCPv4 server. */
    static final String ROOT = "kea-dhcp4";

    private static final Map<String, List<String>> CHILDREN = Map.ofEntries(
            Map.entry("dhcp4", List.of("dev.kakapo.server.Dhcp4Server", "dev.kakapo.server.cli")),
            Map.entry("packets", List.of("dev.kakapo.server.pipeline", "dev.kakapo.server.net")),
            Map.entry("bad-packets", List.of("dev.kakapo.server.pipeline")),
            Map.entry("options", List.of("dev.kakapo.server.dhcp.ReplyBuilder")),
            Map.entry("leases", List.of("dev.kakapo.server.dhcp", "dev.kakapo.server.lease")),
            Map.entry("alloc-engine", List.of("dev.kakapo.server.dhcp.LeaseAllocator", "dev.kakapo.server.dhcp.LeaseReclaimer")),
            Map.entry("dhcpsrv", List.of("dev.kakapo.server.config", "dev.kakapo.server.lease")),
            Map.entry("eval", List.of("dev.kakapo.server.classify")),
            Map.entry("hooks", List.of("dev.kakapo.server.hooks")),
            Map.entry("callouts", List.of("dev.kakapo.server.hooks.Callouts")),
            Map.entry("commands", List.of("dev.kakapo.server.control")),
            Map.entry("ha-hooks", List.of("dev.kakapo.hooks.ha")),
            Map.entry("lease-cmds-hooks", List.of("dev.kakapo.hooks.leasecmds")),
            Map.entry("stat-cmds-hooks", List.of("dev.kakapo.server.stats")));

    private KeaLoggerNames() {
    }

    /**
     * The SLF4J logger names {@code keaName} covers: the root logger for {@code kea-dhcp4},
     * Kakapo's packages or classes for the children it knows, the name itself otherwise.
     */
    static List<String> ours(String keaName) {
        if (keaName.equals(ROOT)) {
            return List.of(org.slf4j.Logger.ROOT_LOGGER_NAME);
        }
        if (keaName.startsWith(ROOT + ".")) {
            List<String> known = CHILDREN.get(keaName.substring(ROOT.length() + 1));
            if (known != null) {
                return known;
            }
        }
        return List.of(keaName);
    }
}
