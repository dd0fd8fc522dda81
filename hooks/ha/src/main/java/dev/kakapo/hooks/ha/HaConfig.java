package dev.kakapo.hooks.ha;

import java.util.List;
import java.util.Map;

/**
 * One HA relationship as Kea reads an entry of {@code high-availability}, with Kea's defaults.
 *
 * @param thisServerName       this server's name in the relationship
 * @param mode                 the mode
 * @param heartbeatDelay       milliseconds between heartbeats (0: none)
 * @param maxResponseDelay     milliseconds without a good heartbeat before communication counts as interrupted
 * @param maxAckDelay          milliseconds of a client's {@code secs} after which it counts as unacknowledged
 * @param maxUnackedClients    unacknowledged clients tolerated before the partner is declared down
 * @param maxRejectedLeaseUpdates clients with rejected updates before terminating (0: never)
 * @param delayedUpdatesLimit  backlog size in communication-recovery (load-balancing only)
 * @param sendLeaseUpdates     whether lease updates are sent
 * @param syncLeases           whether leases are synchronised on start-up
 * @param syncTimeout          milliseconds per lease page request
 * @param syncPageLimit        leases per page
 * @param waitBackupAck        whether answers wait for backups' acknowledgements too
 * @param restrictCommands     whether the peer listener answers only the commands peers send each other
 * @param requireClientCerts   whether this server's HTTPS listener asks peers for a certificate
 * @param primaryShare         in load-balancing, the percentage of clients the primary answers; 50 is Kea's even split
 * @param peers                the peers, this server included, in configuration order
 * @param pauses               state wire name to {@code always}/{@code once}/{@code never}
 * @param path                 the JSON path of the entry, for messages
 */
record HaConfig(String thisServerName, HaMode mode, int heartbeatDelay, int maxResponseDelay, int maxAckDelay,
                long maxUnackedClients, long maxRejectedLeaseUpdates, long delayedUpdatesLimit, boolean sendLeaseUpdates,
                boolean syncLeases, long syncTimeout, long syncPageLimit, boolean waitBackupAck, boolean restrictCommands,
                boolean requireClientCerts, int primaryShare, List<PeerConfig> peers,
                Map<String, String> pauses, String path) {

    /** This server's peer entry. */
    PeerConfig self() {
        return peers.stream().filter(p -> p.name().equals(thisServerName)).findFirst().orElseThrow();
    }

    /** The one non-backup peer other than this server, or null (passive-backup, or this server is a backup). */
    PeerConfig partner() {
        if (self().role() == PeerRole.BACKUP || mode == HaMode.PASSIVE_BACKUP) {
            return null;
        }
        return peers.stream().filter(p -> !p.name().equals(thisServerName) && p.role() != PeerRole.BACKUP)
                .findFirst().orElse(null);
    }

    /** The backup peers other than this server. */
    List<PeerConfig> backups() {
        return peers.stream().filter(p -> !p.name().equals(thisServerName) && p.role() == PeerRole.BACKUP).toList();
    }

    /** The primary's entry. */
    PeerConfig primary() {
        return peers.stream().filter(p -> p.role() == PeerRole.PRIMARY).findFirst().orElseThrow();
    }
}
