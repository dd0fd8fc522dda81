package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.ClientPacketContext;
import dev.kakapo.api.hooks.CommandProcessedContext;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LeasesCommittedContext;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.hooks.ParkedPacket;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.hooks.SubnetSelectContext;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.packet.DhcpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kakapo's High-Availability library, standing in for Kea's {@code libdhcp_ha.so}: reads the
 * {@code high-availability} parameter as Kea does, listens on this server's peer URL of each
 * relationship (hub and spoke: several, each subnet belonging to one through
 * {@code user-context.ha-server-name}), runs each relationship's state machine (heartbeats, start-up negotiation and synchronisation, failover),
 * answers only the queries of the scopes it serves, and holds each DHCPACK until the partner
 * acknowledged the lease. Kea's lease commands library must be loaded too, as with Kea: partners'
 * lease updates are answered by it.
 */
public final class HighAvailabilityLibrary implements HookLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(HighAvailabilityLibrary.class);
    private static final Duration UPDATE_TIMEOUT = Duration.ofSeconds(10);
    /** How a Kakapo partner's lease commands begin the refusal of an update that would give a held address away. */
    static final String ADDRESS_HELD = "address held by another client";
    /** The query whose new client the allocator gave an address on this packet thread, and the address. */
    private record NewClient(DhcpPacket query, dev.kakapo.api.net.Ipv4Address address) {
    }

    /** Set at lease4_select (a REQUEST's new lease), read at the same query's leases4_committed. */
    private static final ThreadLocal<NewClient> NEW_CLIENT = new ThreadLocal<>();

    private final PeerClient client = new PeerClient();
    private final PeerCapabilities capabilities = new PeerCapabilities(client, System::nanoTime);
    /** One group-commit queue per peer URL: a backup in several relationships gets one ordered stream. */
    private final Map<String, LeaseUpdateBatcher> batchers = new ConcurrentHashMap<>();
    private final List<Relationship> relationships = new ArrayList<>();
    private final List<PeerListener> listeners = new ArrayList<>();
    /** Backups whose best-effort updates failed since they last caught up, by peer URL. */
    private final Set<String> backupsBehind = ConcurrentHashMap.newKeySet();
    private LibraryHandle handle;

    /** Creates the library; called by {@link java.util.ServiceLoader}. */
    public HighAvailabilityLibrary() {
    }

    @Override
    public String name() {
        return "ha";
    }

    @Override
    public Set<String> keaLibraryNames() {
        return Set.of("libdhcp_ha");
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    /** State is volatile or behind the relationship's lock; updates go out asynchronously. */
    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }

    /** The parameters as Kea's HA library reads them, for {@code kakapo-dhcp4 -t} and config-test. */
    @Override
    public void check(JsonNode parameters) {
        HaConfigParser.parse(parameters);
    }

    @Override
    public void load(LibraryHandle handle) throws IOException {
        this.handle = handle;
        List<HaConfig> configs = HaConfigParser.parse(handle.parameters());
        Map<Long, Integer> subnetRelationship = mapSubnets(configs, handle.subnets());
        for (int i = 0; i < configs.size(); i++) {
            Set<Long> own = new HashSet<>();
            for (Map.Entry<Long, Integer> entry : subnetRelationship.entrySet()) {
                if (entry.getValue() == i) {
                    own.add(entry.getKey());
                }
            }
            Relationship relationship = new Relationship(configs.get(i), i, handle, client, own);
            PeerConfig partner = relationship.partner();
            if (partner != null) {
                relationship.onServingAlone(() -> {
                    LeaseUpdateBatcher batcher = batchers.get(partner.url().toString());
                    if (batcher != null) {
                        batcher.abandon(partner.name() + " is taken for down: this server serves alone");
                    }
                });
            }
            relationships.add(relationship);
            // Started, this server knows nothing of the best-effort updates its backups missed
            // before (the last ones may have been on their way at a kill -9): each backup is asked
            // to catch up once it takes an update.
            if (!configs.get(i).waitBackupAck()) {
                for (PeerConfig backup : configs.get(i).backups()) {
                    backupsBehind.add(backup.url().toString());
                }
            }
        }
        try {
            for (HaConfig config : configs) {
                listeners.add(new PeerListener(config.self(), config.restrictCommands(), config.requireClientCerts(), handle));
            }
        } catch (IOException e) {
            unload();
            throw new IOException("the HA listener on " + configs.get(listeners.size()).self().url() + " cannot be opened: "
                    + e.getMessage(), e);
        }
        handle.callout(HookPoint.DHCP4_SRV_CONFIGURED, context -> {
            relationships.forEach(Relationship::start);
            return NextStep.CONTINUE;
        });
        if (relationships.size() == 1) {
            handle.callout(HookPoint.PKT4_RECEIVE, this::filter);
        } else {
            // Hub and spoke: the selected subnet decides which relationship handles the query.
            handle.callout(HookPoint.SUBNET4_SELECT, this::steer);
        }
        handle.callout(HookPoint.LEASES4_COMMITTED, this::committed);
        handle.callout(HookPoint.LEASE4_SELECT, context -> {
            if (!context.fakeAllocation() && context.query().isPresent()) {
                NEW_CLIENT.set(new NewClient(context.query().get(), context.lease().address()));
            }
            return NextStep.CONTINUE;
        });
        handle.callout(HookPoint.LEASE4_EXPIRE, context -> {
            Relationship relationship = relationshipOf(context.lease().subnetId());
            if (relationship != null) {
                relationship.cautious().reclaimed(context.lease());
            }
            return NextStep.CONTINUE;
        });
        handle.addressGuard((subnetId, address, previous) -> {
            Relationship relationship = relationshipOf(subnetId);
            return relationship == null || relationship.cautious().admitsNewOwner(address, previous);
        });
        handle.callout(HookPoint.COMMAND_PROCESSED, this::addStatus);
        handle.command("ha-heartbeat", request -> relationship(request).heartbeatAnswer());
        handle.command("ha-reset", request -> relationship(request).reset());
        handle.command("ha-sync-complete-notify", request -> relationship(request).syncCompleteNotified(request.arguments()));
        handle.command("ha-continue", request -> relationship(request).resume());
        handle.command("ha-scopes", this::scopes);
        handle.command("ha-maintenance-start", request -> eachNamed(request, Relationship::maintenanceStart));
        handle.command("ha-maintenance-cancel", request -> eachNamed(request, Relationship::maintenanceCancel));
        handle.command("ha-maintenance-notify", request -> relationship(request).maintenanceNotified(request.arguments()));
        handle.command("ha-sync", this::sync);
    }

    /**
     * Which relationship each subnet belongs to: the one holding the peer its
     * {@code user-context.ha-server-name} (or its shared network's) names. With one relationship
     * an unnamed subnet is its too; with several, it belongs to none and its queries are dropped.
     */
    private static Map<Long, Integer> mapSubnets(List<HaConfig> configs, List<SubnetInfo> subnets) {
        Map<Long, Integer> map = new HashMap<>();
        for (SubnetInfo subnet : subnets) {
            JsonNode name = subnet.userContext() == null ? null : subnet.userContext().get("ha-server-name");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                if (configs.size() == 1) {
                    map.put(subnet.id(), 0);
                } else {
                    LOG.warn("HA_SUBNET_WITHOUT_RELATIONSHIP subnet {} names no ha-server-name: its queries are dropped",
                            subnet.id());
                }
                continue;
            }
            boolean found = false;
            for (int i = 0; i < configs.size() && !found; i++) {
                if (configs.get(i).peers().stream().anyMatch(p -> p.name().equals(name.asText()))) {
                    map.put(subnet.id(), i);
                    found = true;
                }
            }
            if (!found) {
                LOG.warn("HA_SUBNET_WITHOUT_RELATIONSHIP subnet {}: ha-server-name '{}' is in no relationship; its queries "
                        + "are dropped", subnet.id(), name.asText());
            }
        }
        return map;
    }

    /** The relationship of {@code subnetId}, or null. */
    private Relationship relationshipOf(long subnetId) {
        if (relationships.size() == 1) {
            return relationships.get(0);
        }
        for (Relationship relationship : relationships) {
            if (relationship.owns(subnetId)) {
                return relationship;
            }
        }
        return null;
    }

    /**
     * Runs a maintenance command on the relationship {@code server-name} names (past Kea: one
     * branch at a time), or on every relationship without it, stopping at the first failure.
     */
    private CommandAnswer eachNamed(CommandRequest request, java.util.function.Function<Relationship, CommandAnswer> action) {
        if (request.arguments() != null && request.arguments().has("server-name")) {
            return action.apply(relationship(request));
        }
        CommandAnswer last = null;
        for (Relationship relationship : relationships) {
            last = action.apply(relationship);
            if (!last.isSuccess()) {
                return last;
            }
        }
        return last;
    }

    /** The relationship a command names with {@code server-name} (any of its peers), else the first, as Kea picks it. */
    private Relationship relationship(CommandRequest request) throws IllegalArgumentException {
        JsonNode name = request.arguments() == null ? null : request.arguments().get("server-name");
        if (name == null) {
            return relationships.get(0);
        }
        for (Relationship relationship : relationships) {
            if (relationship.config().peers().stream().anyMatch(p -> p.name().equals(name.asText()))) {
                return relationship;
            }
        }
        throw new IllegalArgumentException(name.asText() + " matches no configured 'server-name'");
    }

    private NextStep filter(ClientPacketContext context) {
        return admits(relationships.get(0), context.query()) ? NextStep.CONTINUE : NextStep.DROP;
    }

    /** Whether the relationship's served scopes include the query's owner (queries HA does not scope always pass). */
    private static boolean admits(Relationship relationship, DhcpPacket query) {
        if (!QueryFilter.scoped(query)) {
            return true;
        }
        String owner = QueryFilter.owner(query, relationship.config());
        byte[] key = query.clientIdentifier().filter(id -> id.length > 0)
                .orElse(Arrays.copyOf(query.chaddr(), Math.min(query.hlen(), query.chaddr().length)));
        return relationship.serves(owner, key, query.secs());
    }

    private NextStep steer(SubnetSelectContext context) {
        if (context.subnet().isEmpty()) {
            return NextStep.DROP;
        }
        Relationship relationship = relationshipOf(context.subnet().get().id());
        if (relationship == null) {
            return NextStep.DROP;
        }
        return admits(relationship, context.query()) ? NextStep.CONTINUE : NextStep.DROP;
    }

    private NextStep committed(LeasesCommittedContext context) {
        NewClient newClient = NEW_CLIENT.get();
        NEW_CLIENT.remove();
        dev.kakapo.api.net.Ipv4Address newClientAddress = newClient != null && newClient.query() == context.query()
                ? newClient.address() : null;
        Lease4 any = !context.leases().isEmpty() ? context.leases().get(0)
                : !context.deletedLeases().isEmpty() ? context.deletedLeases().get(0) : null;
        Relationship relationship = any == null ? null : relationshipOf(any.subnetId());
        if (relationship == null) {
            return NextStep.CONTINUE;
        }
        CautiousAllocation cautious = relationship.cautious();
        for (Lease4 deleted : context.deletedLeases()) {
            cautious.released(deleted.address());
        }
        for (Lease4 written : context.leases()) {
            if (!cautious.mayAnswer(written)) {
                LOG.debug("HA_UNCONFIRMED_LEASE_NOT_ANSWERED {}: the partner never took {} and may give it away",
                        relationship.config().thisServerName(), written.address());
                return NextStep.DROP;
            }
        }
        HaConfig config = relationship.config();
        if (!config.sendLeaseUpdates()) {
            return NextStep.CONTINUE;
        }
        List<PeerConfig> acknowledged = new ArrayList<>();
        List<PeerConfig> bestEffort = new ArrayList<>();
        if (relationship.updatesPartner()) {
            acknowledged.add(relationship.partner());
        } else if (relationship.queuesUpdates()) {
            relationship.queue(context.deletedLeases(), context.leases());
        } else if (relationship.partner() != null) {
            relationship.countUnsentUpdate();
        }
        for (PeerConfig backup : config.backups()) {
            (config.waitBackupAck() ? acknowledged : bestEffort).add(backup);
        }
        byte[] key = clientKey(context.query());
        for (PeerConfig peer : bestEffort) {
            send(relationship, peer, key, context.deletedLeases(), context.leases(), null, null);
        }
        if (acknowledged.isEmpty()) {
            return NextStep.CONTINUE;
        }
        if (newClientAddress != null && acknowledged.contains(relationship.partner())) {
            List<Lease4> fresh = context.leases().stream().filter(l -> l.address().equals(newClientAddress)).toList();
            cautious.sent(fresh);
        }
        for (PeerConfig peer : acknowledged) {
            send(relationship, peer, key, context.deletedLeases(), context.leases(), context.park(),
                    peer == relationship.partner() ? newClientAddress : null);
        }
        return NextStep.PARK;
    }

    /**
     * Sends one transaction's leases to {@code peer}: together with other transactions' in one
     * lease4-bulk-apply when the peer takes it, else the deleted leases and then the written ones
     * one request each, as Kea does. Settles {@code hold} when the peer has them all.
     * {@code newClient} is the address this transaction gave a new client, if it did.
     */
    private void send(Relationship relationship, PeerConfig peer, byte[] clientKey, List<Lease4> deleted, List<Lease4> written,
                      ParkedPacket hold, dev.kakapo.api.net.Ipv4Address newClient) {
        long started = System.nanoTime();
        CompletableFuture<String> chain;
        if (capabilities.takesBulkUpdates(peer)) {
            LeaseUpdateBatcher batcher = batchers.computeIfAbsent(peer.url().toString(),
                    url -> new LeaseUpdateBatcher(peer, UPDATE_TIMEOUT));
            chain = batcher.submit(deleted, written).exceptionallyCompose(error -> {
                if (error instanceof LeaseUpdateBatcher.BulkRefused || error.getCause() instanceof LeaseUpdateBatcher.BulkRefused) {
                    capabilities.refused(peer);
                    return oneByOne(peer, deleted, written, newClient);
                }
                return CompletableFuture.failedFuture(error);
            });
        } else {
            chain = oneByOne(peer, deleted, written, newClient);
        }
        chain.whenComplete((failure, error) -> {
            if (hold == null && peer.role() == PeerRole.BACKUP) {
                backupAnswered(relationship, peer, error == null && failure == null);
            }
            if (error == null && failure == null) {
                relationship.updateStatistics().acknowledged(System.nanoTime() - started);
                if (hold != null) {
                    hold.resume();
                }
                if (peer == relationship.partner()) {
                    relationship.updateAccepted(clientKey);
                    relationship.cautious().acknowledged(written);
                }
                return;
            }
            String why = error != null ? error.getMessage() : failure;
            relationship.updateStatistics().failed();
            if (hold != null) {
                hold.drop();
            }
            if (error == null && failure.contains(ADDRESS_HELD)) {
                LOG.debug("HA_LEASE_UPDATE_REFUSED {} holds an address of this update for another client: {}", peer.name(), why);
                if (peer == relationship.partner()) {
                    withdraw(relationship, written);
                }
            } else if (error != null || !failure.startsWith("conflict")) {
                relationship.updateFailed(peer, why, written);
            } else {
                LOG.warn("HA_LEASE_UPDATE_CONFLICT {} refused a lease update: {}", peer.name(), why);
                if (peer == relationship.partner()) {
                    relationship.updateRejected(clientKey);
                }
            }
        });
    }

    /**
     * A backup that missed best-effort updates (down, stopped or cut off: answers did not wait for
     * it) is asked to catch up ({@code ha-sync}, which a Kakapo backup answers by fetching this
     * server's leases without stopping its service) once it takes an update again. Kea's backups
     * keep what they missed missing.
     */
    private void backupAnswered(Relationship relationship, PeerConfig backup, boolean took) {
        String key = backup.url().toString();
        if (!took) {
            if (backupsBehind.add(key)) {
                LOG.warn("HA_BACKUP_BEHIND {}: backup {} missed lease updates; it is asked to catch up once it answers",
                        relationship.config().thisServerName(), backup.name());
            }
            return;
        }
        if (backupsBehind.remove(key)) {
            ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("server-name", relationship.config().thisServerName());
            client.sendAsync(backup, "ha-sync", arguments, Duration.ofMinutes(5)).whenComplete((answer, error) -> {
                if (error != null || !answer.isSuccess()) {
                    backupsBehind.add(key);
                    LOG.warn("HA_BACKUP_CATCH_UP_FAILED {}: {}", backup.name(),
                            error != null ? error.getMessage() : answer.text());
                } else {
                    LOG.info("HA_BACKUP_CAUGHT_UP {} fetched the leases of {}", backup.name(),
                            relationship.config().thisServerName());
                }
            });
        }
    }

    /**
     * Deletes the leases the partner refused as conflicts (it holds their addresses for other
     * clients) if they are still as written: the client got no answer, and its next query finds
     * another address instead of the disputed one again. Without this, two servers that gave one
     * address to two clients at the same moment would refuse each other's update until the
     * leases ran out.
     */
    private void withdraw(Relationship relationship, List<Lease4> written) {
        for (Lease4 lease : written) {
            relationship.cautious().forget(lease.address());
            try {
                if (handle.leases().delete(lease)) {
                    relationship.updateStatistics().withdrawn();
                    LOG.debug("HA_LEASE_WITHDRAWN {}: {} is held by another client on {}", relationship.config().thisServerName(),
                            lease.address(), relationship.partner().name());
                }
            } catch (RuntimeException e) {
                LOG.warn("HA_LEASE_WITHDRAW_FAILED {}: {}: {}", relationship.config().thisServerName(), lease.address(),
                        e.toString());
            }
        }
    }

    /**
     * Kea's protocol: each deleted lease, then each written one, a request each, stopping at the
     * first refusal. The lease of a new client is first looked up on the peer ({@link #heldThere}).
     */
    private CompletableFuture<String> oneByOne(PeerConfig peer, List<Lease4> deleted, List<Lease4> written,
                                               dev.kakapo.api.net.Ipv4Address newClient) {
        CompletableFuture<String> chain = CompletableFuture.completedFuture(null);
        for (Lease4 lease : deleted) {
            ObjectNode arguments = JsonNodeFactory.instance.objectNode()
                    .put("ip-address", lease.address().toString());
            chain = chain.thenCompose(failure -> failure != null ? CompletableFuture.completedFuture(failure)
                    : client.sendAsync(peer, "lease4-del", arguments, UPDATE_TIMEOUT)
                    .thenApply(answer -> answer.result() == 0 || answer.result() == 3 ? null : describe(answer)));
        }
        for (Lease4 lease : written) {
            ObjectNode arguments = LeaseElements.update(lease);
            boolean fresh = lease.address().equals(newClient);
            chain = chain.thenCompose(failure -> failure != null ? CompletableFuture.completedFuture(failure)
                    : fresh ? heldThere(peer, lease) : CompletableFuture.completedFuture(null))
                    .thenCompose(failure -> failure != null ? CompletableFuture.completedFuture(failure)
                    : client.sendAsync(peer, "lease4-update", arguments, UPDATE_TIMEOUT)
                    .thenApply(answer -> answer.result() == 0 ? null : describe(answer)));
        }
        return chain;
    }

    /**
     * Whether {@code peer} holds the address of a new client's {@code lease} for another client
     * (a refusal as a Kakapo partner words it), or null. A peer that takes updates one by one is
     * Kea (or a Kakapo not asked yet), and Kea's {@code lease4-update} overwrites whatever lease
     * it holds: a Kea standby that went partner-down a heartbeat before this server heard of it
     * (the link cut one way) gives free addresses to its clients meanwhile, and this server, still
     * in hot-standby, would give the same ones to others and overwrite the Kea's leases. The
     * look-up closes that window but for the time between the two requests.
     */
    private CompletableFuture<String> heldThere(PeerConfig peer, Lease4 lease) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("ip-address", lease.address().toString());
        return client.sendAsync(peer, "lease4-get", arguments, UPDATE_TIMEOUT).thenApply(answer -> {
            if (answer.result() != CommandAnswer.RESULT_SUCCESS || answer.arguments() == null) {
                return null;
            }
            Lease4 there = LeaseElements.fromElement(answer.arguments());
            return there != null && there.heldAgainst(lease, System.currentTimeMillis() / 1000)
                    ? ADDRESS_HELD + ": " + peer.name() + " leases " + lease.address() + " to another client" : null;
        }).exceptionally(error -> null); // a look-up that failed refuses nothing: the update is judged on its own
    }

    /** A client as Kea's HA tells clients apart: chaddr and the client identifier together. */
    private static byte[] clientKey(DhcpPacket query) {
        byte[] chaddr = Arrays.copyOf(query.chaddr(), Math.min(query.hlen(), query.chaddr().length));
        byte[] id = query.clientIdentifier().orElse(new byte[0]);
        byte[] key = Arrays.copyOf(chaddr, chaddr.length + id.length);
        System.arraycopy(id, 0, key, chaddr.length, id.length);
        return key;
    }

    private static String describe(CommandAnswer answer) {
        return (answer.result() == CommandAnswer.RESULT_CONFLICT ? "conflict: " : "") + answer.text()
                + " (error code " + answer.result() + ")";
    }

    private NextStep addStatus(CommandProcessedContext context) {
        if (!context.command().equals("status-get") || !context.answer().isSuccess()
                || context.answer().arguments() == null || !context.answer().arguments().isObject()) {
            return NextStep.CONTINUE;
        }
        ObjectNode arguments = ((ObjectNode) context.answer().arguments()).deepCopy();
        var list = arguments.putArray("high-availability");
        relationships.forEach(r -> list.add(r.status()));
        context.answer(new CommandAnswer(context.answer().result(), context.answer().text(), arguments));
        return NextStep.CONTINUE;
    }

    private CommandAnswer scopes(CommandRequest request) {
        JsonNode list = request.arguments() == null ? null : request.arguments().get("scopes");
        if (list == null || !list.isArray()) {
            return CommandAnswer.error("'scopes' is mandatory for the 'ha-scopes' command");
        }
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asText()));
        return relationship(request).setScopes(names);
    }

    private CommandAnswer sync(CommandRequest request) {
        JsonNode arguments = request.arguments();
        if (arguments == null || !arguments.path("server-name").isTextual()) {
            return CommandAnswer.error("'server-name' is mandatory for the 'ha-sync' command");
        }
        JsonNode maxPeriod = arguments.get("max-period");
        if (maxPeriod != null && (!maxPeriod.isIntegralNumber() || maxPeriod.asLong() <= 0)) {
            return CommandAnswer.error("'max-period' must be a positive integer in the 'ha-sync' command");
        }
        return relationship(request).syncFrom(arguments.get("server-name").asText(), maxPeriod == null ? 0 : maxPeriod.asLong());
    }

    @Override
    public void unload() {
        relationships.forEach(Relationship::close);
        batchers.values().forEach(LeaseUpdateBatcher::close);
        batchers.clear();
        listeners.forEach(PeerListener::close);
        relationships.clear();
        listeners.clear();
    }
}
