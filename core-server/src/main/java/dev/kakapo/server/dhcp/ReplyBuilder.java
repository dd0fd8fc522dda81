package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.ClientFqdn;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.config.NetworkParameters;
import dev.kakapo.server.config.OptionDataConfig;

import java.nio.charset.StandardCharsets;

/**
 * Builds replies as Kea does: the query's header echoed (xid, flags, giaddr, chaddr, hops), the
 * message type first and the other options in code order; the options the client asked for
 * (parameter request list) plus those configured to be always sent, plus routers, name servers
 * and domain name whenever configured; each taken from the most specific scope that configures
 * it (pool, subnet, shared network, global).
 */
final class ReplyBuilder {

    /** Options Kea sends whenever they are configured, asked for or not. */
    private static final int[] BASIC_OPTIONS = {OptionCode.ROUTERS, OptionCode.DOMAIN_NAME_SERVERS, OptionCode.DOMAIN_NAME};

    private ReplyBuilder() {
    }

    /** A reply to {@code query} of {@code type}, with the header echoed and the server identifier set. */
    static DhcpPacket header(DhcpPacket query, MessageType type, Ipv4Address serverId) {
        DhcpPacket reply = new DhcpPacket().op(DhcpPacket.BOOTREPLY).htype(query.htype()).hlen(query.hlen())
                .hops(query.hops()).xid(query.xid()).flags(query.flags()).giaddr(query.giaddr())
                .chaddr(query.chaddr());
        reply.messageType(type);
        reply.options().putIpv4(OptionCode.SERVER_IDENTIFIER, serverId);
        query.clientIdentifier().ifPresent(id -> reply.options().put(OptionCode.CLIENT_IDENTIFIER, id));
        return reply;
    }

    /** Adds the configured options the client gets, and sets next-server, server-hostname and boot-file-name. */
    static void addConfigured(DhcpPacket query, DhcpPacket reply, ServingConfig config, ServedSubnet subnet, Ipv4Address address) {
        OptionScope[] scopes = {
                address == null ? OptionScope.EMPTY : subnet.poolOptions(address),
                subnet.options(), config.networkOptions(subnet), config.globalOptions()};
        long[] wanted = new long[4];
        for (int code : query.parameterRequestList()) {
            wanted[code >>> 6] |= 1L << code;
        }
        for (int code : BASIC_OPTIONS) {
            wanted[code >>> 6] |= 1L << code;
        }
        long[] decided = new long[4];
        for (OptionScope scope : scopes) {
            for (int code : scope.codes()) {
                long bit = 1L << code;
                if ((decided[code >>> 6] & bit) != 0 || code == OptionCode.MESSAGE_TYPE
                        || code == OptionCode.SERVER_IDENTIFIER || reply.options().contains(code)) {
                    continue;
                }
                decided[code >>> 6] |= bit;
                OptionDataConfig option = scope.get(code);
                if (!option.neverSend() && ((wanted[code >>> 6] & bit) != 0 || option.alwaysSend())) {
                    reply.options().put(code, scope.payload(code));
                }
            }
        }
        NetworkParameters p = subnet.parameters();
        reply.siaddr(p.nextServer());
        if (!p.serverHostname().isEmpty()) {
            reply.snameText(p.serverHostname());
        }
        if (!p.bootFileName().isEmpty()) {
            reply.fileText(p.bootFileName());
        }
    }

    /** Adds the lease options: subnet mask, lease time, T1, T2. */
    static void addLease(DhcpPacket reply, ServedSubnet subnet, LeaseTimes times) {
        reply.options().putIpv4(OptionCode.SUBNET_MASK, subnet.prefix().netmask());
        reply.options().putUint32(OptionCode.LEASE_TIME, times.valid());
        if (times.t1() > 0) {
            reply.options().putUint32(OptionCode.RENEWAL_TIME, times.t1());
        }
        if (times.t2() > 0) {
            reply.options().putUint32(OptionCode.REBINDING_TIME, times.t2());
        }
    }

    /**
     * Answers the client's host name (option 12) or FQDN (option 81). Kakapo sends no DNS updates,
     * so an FQDN answer says so with the N flag.
     */
    static void addNames(DhcpPacket query, DhcpPacket reply, String hostname) {
        if (query.clientFqdn().isPresent()) {
            ClientFqdn asked = query.clientFqdn().get();
            int flags = ClientFqdn.FLAG_N | (asked.flags() & ClientFqdn.FLAG_E);
            reply.options().put(OptionCode.CLIENT_FQDN,
                    new ClientFqdn(flags, 255, 255, asked.domainName(), asked.fullyQualified()).encode());
        } else if (hostname != null && !hostname.isEmpty()) {
            reply.options().put(OptionCode.HOST_NAME, hostname.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Orders the options as Kea writes them: message type first, then by code. */
    static DhcpPacket ordered(DhcpPacket reply) {
        reply.options().orderByCode(OptionCode.MESSAGE_TYPE);
        return reply;
    }

    /** The client's host name cleaned as Kea's default hostname-char-set does: letters, digits, '.', '-'. */
    static String sanitizedHostname(DhcpPacket query) {
        String raw = query.clientFqdn().map(ClientFqdn::domainName).or(query::hostname).orElse("");
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
