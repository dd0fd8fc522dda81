package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.ClientFqdn;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.classify.ClientClasses;
import dev.kakapo.server.config.ClientClassConfig;
import dev.kakapo.server.config.NetworkParameters;
import dev.kakapo.server.config.ReservationConfig;
import dev.kakapo.server.config.OptionDataConfig;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds replies as Kea does: the query's header echoed (xid, flags, giaddr, chaddr, hops) and
 * its relay agent information (RFC 3046), the message type first and the other options in code
 * order; the options the client asked for (parameter request list) plus those configured to be
 * always sent, plus routers, name servers and domain name whenever configured; each taken from
 * the most specific scope that configures it for the client's classes (host reservation, pool,
 * subnet, shared network, the client's classes in order, global).
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
        byte[] relayAgentInformation = query.options().get(OptionCode.RELAY_AGENT_INFORMATION);
        if (relayAgentInformation != null) {
            reply.options().put(OptionCode.RELAY_AGENT_INFORMATION, relayAgentInformation);
        }
        return reply;
    }

    /**
     * Adds the configured options the client gets, and sets next-server, server-hostname and
     * boot-file-name: the host reservation's, else the first of the client's classes that sets
     * them, else the subnet's.
     */
    static void addConfigured(DhcpPacket query, DhcpPacket reply, ServingConfig config, ServedSubnet subnet,
                              Ipv4Address address, ClientKey client) {
        ReservationConfig host = client.host();
        ClientClasses classes = client.classes();
        List<String> classNames = classes == null || config.classifier().isEmpty() ? List.of() : classes.names();
        OptionScope[] scopes = new OptionScope[5 + classNames.size()];
        int n = 0;
        scopes[n++] = config.hostOptions(host);
        scopes[n++] = address == null ? OptionScope.EMPTY : subnet.poolOptions(address);
        scopes[n++] = subnet.options();
        scopes[n++] = config.networkOptions(subnet);
        for (String name : classNames) {
            scopes[n++] = config.classOptions(name);
        }
        scopes[n] = config.globalOptions();
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
                OptionDataConfig option = scope.get(code);
                if (!option.clientClasses().isEmpty() && (classes == null || !classes.memberOfAny(option.clientClasses()))) {
                    continue; // class-tagged for others: as if this scope did not set it
                }
                decided[code >>> 6] |= bit;
                if (!option.neverSend() && ((wanted[code >>> 6] & bit) != 0 || option.alwaysSend())) {
                    reply.options().put(code, scope.payload(code));
                }
            }
        }
        setFixedFields(reply, config, subnet.parameters(), host, classes);
    }

    private static void setFixedFields(DhcpPacket reply, ServingConfig config, NetworkParameters subnet,
                                       ReservationConfig host, ClientClasses classes) {
        Ipv4Address nextServer = host == null ? null : host.nextServer();
        String serverHostname = host == null ? null : host.serverHostname();
        String bootFileName = host == null ? null : host.bootFileName();
        if (classes != null && !config.classifier().isEmpty()) {
            for (String name : classes.names()) {
                ClientClassConfig c = config.classifier().definition(name);
                if (c != null) {
                    nextServer = nextServer != null ? nextServer : c.nextServer();
                    serverHostname = serverHostname != null ? serverHostname : c.serverHostname();
                    bootFileName = bootFileName != null ? bootFileName : c.bootFileName();
                }
            }
        }
        reply.siaddr(nextServer != null ? nextServer : subnet.nextServer());
        serverHostname = serverHostname != null ? serverHostname : subnet.serverHostname();
        bootFileName = bootFileName != null ? bootFileName : subnet.bootFileName();
        if (!serverHostname.isEmpty()) {
            reply.snameText(serverHostname);
        }
        if (!bootFileName.isEmpty()) {
            reply.fileText(bootFileName);
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
