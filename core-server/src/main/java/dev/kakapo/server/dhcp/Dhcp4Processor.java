package dev.kakapo.server.dhcp;

import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LeaseContext;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.server.classify.Classifier;
import dev.kakapo.server.classify.ClientClasses;
import dev.kakapo.server.config.HostIdentifierType;
import dev.kakapo.server.config.NetworkParameters;
import dev.kakapo.server.config.ReservationConfig;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.Committed;
import dev.kakapo.server.hooks.FlexIdentifier;
import dev.kakapo.server.hooks.LeaseView;
import dev.kakapo.server.hooks.Parking;
import dev.kakapo.server.hooks.ParkingLot;
import dev.kakapo.server.hooks.QueryView;
import dev.kakapo.server.hooks.SubnetSelection;
import dev.kakapo.server.stats.PacketStatistics;
import dev.kakapo.server.stats.Statistic;
import dev.kakapo.server.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.LongSupplier;

/**
 * Handles one DHCPv4 query as RFC 2131 and Kea say: DISCOVER gets an OFFER, REQUEST an ACK or a
 * NAK (by the client's state: selecting, init-reboot, renewing or rebinding), RELEASE and DECLINE
 * change the lease and get no answer, INFORM gets options. Stateless between queries apart from
 * the lease store, so any number of threads may call it for different clients.
 */
public final class Dhcp4Processor implements QueryHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Dhcp4Processor.class);
    /** The port servers and relays listen on. */
    public static final int SERVER_PORT = 67;
    /** The port clients listen on. */
    public static final int CLIENT_PORT = 68;

    private final ServingConfig config;
    private final LeaseAllocator allocator;
    private final PacketStatistics packets;
    private final Statistic allocationFail;
    private final Statistic cumulativeAssigned;
    private final LongSupplier nowSeconds;
    private final int serverPort;
    private final int clientPort;
    private final Callouts callouts;
    private final ParkingLot parkingLot;
    private final boolean flexIdentifiers;

    Dhcp4Processor(ServingConfig config, LeaseAllocator allocator, Statistics statistics, LongSupplier nowSeconds,
                   int serverPort, int clientPort, Callouts callouts, ParkingLot parkingLot) {
        this.config = config;
        this.callouts = callouts;
        this.parkingLot = parkingLot;
        this.flexIdentifiers = config.config().hostReservationIdentifiers().contains(HostIdentifierType.FLEX_ID);
        this.allocator = allocator;
        this.packets = new PacketStatistics(statistics);
        this.allocationFail = statistics.get(Statistics.V4_ALLOCATION_FAIL);
        this.cumulativeAssigned = statistics.get(Statistics.CUMULATIVE_ASSIGNED_ADDRESSES);
        this.nowSeconds = nowSeconds;
        this.serverPort = serverPort;
        this.clientPort = clientPort;
    }

    @Override
    public PacketStatistics packetStatistics() {
        return packets;
    }

    /** Handles a decoded query; returns the reply, or null when none is due (the drop is counted). */
    @Override
    public Reply process(DhcpPacket query, Inbound inbound) {
        packets.countReceived(query.messageType().orElse(null));
        Classifier classifier = config.classifier();
        ClientClasses classes = classifier.classify(query, inbound.interfaceName(), inbound.sourceAddress(),
                inbound.serverAddress());
        if (classes.member(Classifier.DROP)) {
            return drop(query, "the query belongs to class DROP");
        }
        if (callouts.has(HookPoint.PKT4_RECEIVE)) {
            NextStep step = callouts.run(HookPoint.PKT4_RECEIVE, new QueryView(query, inbound.sourceAddress(), inbound.interfaceName()));
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                return drop(query, "dropped by a pkt4_receive callout");
            }
        }
        MessageType type = query.messageType().orElse(null);
        if (type == null || query.op() != DhcpPacket.BOOTREQUEST) {
            return drop(query, "not a DHCP request");
        }
        ClientKey client = ClientKey.of(query, classes);
        if (client.hwAddress() == null && client.sentClientId() == null) {
            return drop(query, "neither hardware address nor client identifier");
        }
        if (flexIdentifiers && callouts.has(HookPoint.HOST4_IDENTIFIER)) {
            FlexIdentifier context = new FlexIdentifier(query, inbound.sourceAddress(), inbound.interfaceName());
            if (callouts.run(HookPoint.HOST4_IDENTIFIER, context) != NextStep.SKIP && context.identifier() != null) {
                client = client.withFlexId(context.identifier());
            }
        }
        ServedSubnet subnet = SubnetSelector.select(config, query, inbound, classes);
        if (callouts.has(HookPoint.SUBNET4_SELECT)) {
            SubnetSelection selection = new SubnetSelection(query, inbound.sourceAddress(), inbound.interfaceName(),
                    config.subnetInfos(), subnet == null ? null : config.subnetInfo(subnet.id()));
            NextStep step = callouts.run(HookPoint.SUBNET4_SELECT, selection);
            if (step == NextStep.DROP) {
                return drop(query, "dropped by a subnet4_select callout");
            }
            subnet = step == NextStep.SKIP ? null : selection.subnet().map(info -> config.subnet(info.id())).orElse(null);
        }
        if (subnet == null) {
            return drop(query, "no subnet for the client");
        }
        client = client.withHost(HostLookup.find(config, subnet, client));
        classifier.afterHostLookup(classes, client.host());
        if (classes.member(Classifier.DROP)) {
            return drop(query, "the query belongs to class DROP");
        }
        if (type == MessageType.INFORM) {
            return inform(query, inbound, subnet, client);
        }
        long now = nowSeconds.getAsLong();
        if (type == MessageType.DISCOVER) {
            return discover(query, inbound, subnet, client, now);
        }
        if (type == MessageType.REQUEST) {
            return request(query, inbound, subnet, client, now);
        }
        if (type == MessageType.RELEASE) {
            return release(query, inbound, subnet, client);
        }
        if (type == MessageType.DECLINE) {
            return decline(query, inbound, subnet, client, now);
        }
        return drop(query, "message type " + type + " is not served");
    }

    private Reply discover(DhcpPacket query, Inbound inbound, ServedSubnet subnet, ClientKey client, long now) {
        Ipv4Address address = allocator.offer(subnet, client, query.requestedAddress().orElse(null), now);
        if (address == null) {
            allocationFailed(subnet, client);
            return drop(query, "no free address");
        }
        ServedSubnet owner = LeaseAllocator.owner(subnet, address);
        NetworkParameters parameters = config.parametersFor(owner, client);
        long lifetime = LeaseTimes.lifetimeFor(parameters, query);
        Lease4 current = allocator.store().get(address).orElse(null);
        if (current != null && current.state() == LeaseState.DEFAULT && !current.isExpired(now)
                && client.owns(current, parameters.matchClientId())
                && LeaseTimes.reusable(current, parameters, now)) {
            lifetime = current.expire() - now;
        }
        if (callouts.has(HookPoint.LEASE4_SELECT)) {
            LeaseView view = new LeaseView(query, allocator.proposal(owner, address, client, lifetime, now,
                    hostnameFor(query, client)), true, true);
            NextStep step = callouts.run(HookPoint.LEASE4_SELECT, view);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                return drop(query, "a lease4_select callout skipped the offer of " + address);
            }
            lifetime = view.lease().validLifetime();
        }
        DhcpPacket offer = ReplyBuilder.header(query, MessageType.OFFER, inbound.serverAddress()).yiaddr(address);
        return leaseReply(query, offer, owner, address, LeaseTimes.of(parameters, lifetime), client);
    }

    private Reply request(DhcpPacket query, Inbound inbound, ServedSubnet subnet, ClientKey client, long now) {
        Optional<Ipv4Address> serverId = query.serverIdentifier();
        Optional<Ipv4Address> requested = query.requestedAddress();
        Ipv4Address address;
        if (serverId.isPresent()) {
            // SELECTING: the client answers an OFFER; one not meant for this server is ignored.
            if (!serverId.get().equals(inbound.serverAddress())) {
                return drop(query, "the client chose server " + serverId.get());
            }
            if (requested.isEmpty()) {
                return drop(query, "a selecting client must name the address it requests");
            }
            address = requested.get();
        } else if (requested.isPresent() && query.ciaddr().isAny()) {
            // INIT-REBOOT: the client checks the address it remembers.
            address = requested.get();
            if (!subnet.prefix().contains(address) && LeaseAllocator.owner(subnet, address) == null) {
                return nak(query, inbound, "requested address " + address + " is not on the client's network");
            }
            Lease4 existing = allocator.clientLease(subnet, client);
            if (existing == null || !existing.address().equals(address)) {
                Optional<Lease4> other = allocator.store().get(address);
                boolean takenByOther = other.isPresent()
                        && !LeaseAllocator.free(other.get(), client, subnet.parameters().matchClientId(), now);
                if (takenByOther || Boolean.TRUE.equals(subnet.parameters().authoritative())) {
                    return nak(query, inbound, "no lease of " + address + " for " + client);
                }
                return drop(query, "unknown client in INIT-REBOOT and the server is not authoritative");
            }
        } else if (!query.ciaddr().isAny()) {
            // RENEWING or REBINDING: the client extends the lease of its current address.
            address = query.ciaddr();
        } else {
            return drop(query, "a REQUEST without server identifier, requested address or ciaddr");
        }
        ReservationConfig reservation = LeaseAllocator.reservation(client);
        if (reservation != null && LeaseAllocator.owner(subnet, reservation.ipAddress()) != null
                && !reservation.ipAddress().equals(address)) {
            // A changed reservation takes effect at the next renewal: the client starts over and is offered it.
            return nak(query, inbound, client + " asks for " + address + " but has " + reservation.ipAddress() + " reserved");
        }
        String hostname = hostnameFor(query, client);
        ServedSubnet owner = LeaseAllocator.owner(subnet, address);
        long lifetime = LeaseTimes.lifetimeFor(config.parametersFor(owner != null ? owner : subnet, client), query);
        Parking parking = parkingPlace();
        if (lotFull(parking)) {
            return null; // dropped and counted by the lot, before any lease is written
        }
        Allocation allocation = allocator.claim(subnet, address, client, lifetime, now, hostname, leaseGate(query));
        if (allocation == null) {
            release(parking);
            allocationFailed(subnet, client);
            return nak(query, inbound, "address " + address + " is not available to " + client);
        }
        if (!allocation.reused()) {
            cumulativeAssigned.increment();
            allocation.subnet().statistics().cumulativeAssigned.increment();
            int pool = allocation.subnet().poolIndex(allocation.lease().address());
            if (pool >= 0) {
                allocation.subnet().statistics().poolCumulativeAssigned(pool).increment();
            }
        }
        Lease4 lease = allocation.lease();
        long valid = allocation.reused() ? lease.expire() - now : lease.validLifetime();
        DhcpPacket ack = ReplyBuilder.header(query, MessageType.ACK, inbound.serverAddress())
                .yiaddr(lease.address()).ciaddr(query.ciaddr());
        Reply reply = leaseReply(query, ack, allocation.subnet(), lease.address(),
                LeaseTimes.of(config.parametersFor(allocation.subnet(), client), valid), client);
        return committed(query, inbound, reply, List.of(lease), List.of(), parking);
    }

    /** The lease4_select and lease4_renew callouts as the allocator's gate, or null when there are none. */
    private LeaseGate leaseGate(DhcpPacket query) {
        if (!callouts.has(HookPoint.LEASE4_SELECT) && !callouts.has(HookPoint.LEASE4_RENEW)) {
            return null;
        }
        return (proposed, renewal) -> {
            HookPoint<LeaseContext> point = renewal ? HookPoint.LEASE4_RENEW : HookPoint.LEASE4_SELECT;
            if (!callouts.has(point)) {
                return proposed;
            }
            LeaseView view = new LeaseView(query, proposed, true, false);
            NextStep step = callouts.run(point, view);
            return step == NextStep.SKIP || step == NextStep.DROP ? null : view.lease();
        };
    }

    /** Whether the callouts at {@code point} let the server go on with {@code lease} (release, decline). */
    private Predicate<Lease4> allowedBy(HookPoint<LeaseContext> point, DhcpPacket query) {
        if (!callouts.has(point)) {
            return lease -> true;
        }
        return lease -> {
            NextStep step = callouts.run(point, new LeaseView(query, lease, false, false));
            return step != NextStep.SKIP && step != NextStep.DROP;
        };
    }

    /**
     * Runs the leases4_committed callouts: the reply as it is, the reply parked until the callouts'
     * holds are resumed, or null when a callout dropped it or the parking lot is full.
     */
    /**
     * Whether a query about to write leases may go on: without leases4_committed callouts always;
     * with them only when the parking lot has a place for its answer, checked before anything is
     * written. With the lot full the query is dropped then (and counted), not after its leases
     * are written and before the callouts that must hear of them (HA's lease updates) ran: that
     * left a lease the partner never heard of, which a retransmission then had acknowledged.
     */
    private Parking parkingPlace() {
        return callouts.has(HookPoint.LEASES4_COMMITTED) ? parkingLot.enter() : null;
    }

    private boolean lotFull(Parking parking) {
        return parking == null && callouts.has(HookPoint.LEASES4_COMMITTED);
    }

    private static void release(Parking parking) {
        if (parking != null) {
            parking.release();
        }
    }

    private Reply committed(DhcpPacket query, Inbound inbound, Reply reply, List<Lease4> written, List<Lease4> deleted,
                            Parking parking) {
        if (parking == null) {
            return reply;
        }
        NextStep step = callouts.run(HookPoint.LEASES4_COMMITTED, new Committed(query, inbound.sourceAddress(),
                inbound.interfaceName(), reply == null ? null : reply.packet(), written, deleted, parking));
        if (step == NextStep.DROP || parking.isDropped()) {
            parking.release();
            return drop(query, "dropped by a leases4_committed callout");
        }
        if (step == NextStep.PARK && reply != null) {
            return reply.parkedIn(parking);
        }
        parking.release();
        return reply;
    }

    private Reply leaseReply(DhcpPacket query, DhcpPacket reply, ServedSubnet subnet, Ipv4Address address, LeaseTimes times,
                             ClientKey client) {
        if (!config.classifier().isEmpty()) {
            config.classifier().evaluateAdditional(client.classes(), config.additionalClasses(subnet, subnet.poolIndex(address)));
        }
        ReplyBuilder.addLease(reply, subnet, times);
        ReplyBuilder.addNames(query, reply, hostnameFor(query, client));
        ReplyBuilder.addConfigured(query, reply, config, subnet, address, client);
        return route(query, ReplyBuilder.ordered(reply));
    }

    /** The host name of the lease and the reply: the reservation's, else the client's own, cleaned. */
    private static String hostnameFor(DhcpPacket query, ClientKey client) {
        ReservationConfig host = client.host();
        if (host != null && host.hostname() != null && !host.hostname().isEmpty()) {
            return host.hostname();
        }
        return ReplyBuilder.sanitizedHostname(query);
    }

    private Reply release(DhcpPacket query, Inbound inbound, ServedSubnet subnet, ClientKey client) {
        Parking parking = parkingPlace();
        if (lotFull(parking)) {
            return null;
        }
        Lease4 released = allocator.release(subnet, query.ciaddr(), client, allowedBy(HookPoint.LEASE4_RELEASE, query));
        if (released == null) {
            release(parking);
            LOG.debug("DHCP4_RELEASE_FAIL {} released {}: not its lease, or kept by a lease4_release callout", client, query.ciaddr());
            return null;
        }
        return committed(query, inbound, null, List.of(), List.of(released), parking);
    }

    private Reply decline(DhcpPacket query, Inbound inbound, ServedSubnet subnet, ClientKey client, long now) {
        Optional<Ipv4Address> address = query.requestedAddress();
        if (address.isEmpty()) {
            return drop(query, "a DECLINE without the declined address (option 50)");
        }
        long probation = config.config().declineProbationPeriod();
        Parking parking = parkingPlace();
        if (lotFull(parking)) {
            return null;
        }
        Lease4 declined = allocator.decline(subnet, address.get(), client, probation, now,
                allowedBy(HookPoint.LEASE4_DECLINE, query));
        if (declined == null) {
            release(parking);
            LOG.debug("DHCP4_DECLINE_FAIL {} declined {}: not its lease, or kept by a lease4_decline callout", client, address.get());
            return null;
        }
        LOG.info("DHCP4_DECLINE_LEASE {} declined {}; it is kept out of use for {} s", client, address.get(), probation);
        return committed(query, inbound, null, List.of(declined), List.of(), parking);
    }

    private Reply inform(DhcpPacket query, Inbound inbound, ServedSubnet subnet, ClientKey client) {
        DhcpPacket ack = ReplyBuilder.header(query, MessageType.ACK, inbound.serverAddress()).ciaddr(query.ciaddr());
        if (!config.classifier().isEmpty()) {
            config.classifier().evaluateAdditional(client.classes(), config.additionalClasses(subnet, -1));
        }
        ReplyBuilder.addConfigured(query, ack, config, subnet, null, client);
        return route(query, ReplyBuilder.ordered(ack));
    }

    private Reply nak(DhcpPacket query, Inbound inbound, String why) {
        LOG.debug("DHCP4_NAK xid=0x{} {}", Integer.toHexString(query.xid()), why);
        DhcpPacket nak = ReplyBuilder.header(query, MessageType.NAK, inbound.serverAddress());
        if (query.isRelayed()) {
            nak.flags(nak.flags() | DhcpPacket.FLAG_BROADCAST);
        }
        return route(query, ReplyBuilder.ordered(nak));
    }

    /** RFC 2131 section 4.1: to the relay; else a NAK by broadcast; else to ciaddr; else by broadcast on the link. */
    private Reply route(DhcpPacket query, DhcpPacket reply) {
        MessageType type = reply.messageType().orElseThrow();
        if (query.isRelayed()) {
            return new Reply(reply, query.giaddr(), serverPort);
        }
        if (type != MessageType.NAK && !query.ciaddr().isAny()) {
            return new Reply(reply, query.ciaddr(), clientPort);
        }
        return new Reply(reply, Ipv4Address.BROADCAST, clientPort);
    }

    private void allocationFailed(ServedSubnet subnet, ClientKey client) {
        allocationFail.increment();
        subnet.statistics().allocationFail.increment();
        LOG.warn("DHCP4_ALLOCATION_FAIL no address available for {} in {}", client, subnet);
    }

    private Reply drop(DhcpPacket query, String why) {
        packets.dropped.increment();
        LOG.debug("DHCP4_PACKET_DROP xid=0x{} {}", Integer.toHexString(query.xid()), why);
        return null;
    }
}
