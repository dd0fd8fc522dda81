package dev.kakapo.server.config;

import dev.kakapo.api.net.Ipv4Address;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the sections that say how the server runs rather than what it hands out:
 * interfaces, lease database, multi-threading, control sockets, expired-lease processing.
 */
final class ServiceSectionParser {

    /** Lease database keys Kea accepts that only SQL backends use. */
    private static final String[] SQL_DATABASE_KEYS = {"host", "port", "user", "password", "connect-timeout",
            "read-timeout", "write-timeout", "tcp-user-timeout", "max-reconnect-tries", "reconnect-wait-time",
            "on-fail", "retry-on-startup", "trust-anchor", "cert-file", "key-file", "cipher-list", "readonly",
            "reconnect-retries", "contact-points", "keyspace", "consistency", "serial-consistency",
            "max-statement-tries", "request-timeout", "tcp-keepalive", "tcp-nodelay"};

    private ServiceSectionParser() {
    }

    static InterfacesConfig interfaces(MapReader parent) {
        MapReader r = parent.map("interfaces-config");
        if (r == null) {
            return InterfacesConfig.NONE;
        }
        List<InterfacesConfig.Interface> interfaces = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        r.list("interfaces", (path, value) -> {
            if (!value.isTextual()) {
                r.diagnostics().error(path, "expected an interface name, got " + MapReader.describe(value));
                return null;
            }
            InterfacesConfig.Interface parsed = interfaceEntry(r.diagnostics(), path, value.textValue().trim());
            if (parsed != null) {
                if (!seen.add(parsed.toString())) {
                    r.diagnostics().error(path, "interface '" + parsed + "' has already been specified");
                } else {
                    interfaces.add(parsed);
                }
            }
            return parsed;
        });
        String socketType = r.string("dhcp-socket-type");
        if (socketType != null && !socketType.equals("raw") && !socketType.equals("udp")) {
            r.error("dhcp-socket-type", "'" + socketType + "' is not a socket type: expected raw or udp");
        }
        String outbound = r.string("outbound-interface");
        if (outbound != null && !outbound.equals("same-as-inbound") && !outbound.equals("use-routing")) {
            r.error("outbound-interface", "'" + outbound + "' is not an outbound interface mode: expected same-as-inbound or use-routing");
        }
        Boolean reDetect = r.bool("re-detect");
        Boolean requireAll = r.bool("service-sockets-require-all");
        Long maxRetries = r.uint32("service-sockets-max-retries");
        Long retryWait = r.uint32("service-sockets-retry-wait-time");
        r.userContext();
        r.skip("comment");
        r.finish();
        return new InterfacesConfig(interfaces, socketType == null ? "raw" : socketType,
                outbound == null ? "same-as-inbound" : outbound, reDetect == null || reDetect,
                requireAll != null && requireAll, maxRetries == null ? 0 : maxRetries, retryWait == null ? 5000 : retryWait);
    }

    private static InterfacesConfig.Interface interfaceEntry(Diagnostics diagnostics, String path, String text) {
        if (text.isEmpty()) {
            diagnostics.error(path, "an interface name cannot be empty");
            return null;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new InterfacesConfig.Interface(text, null);
        }
        String name = text.substring(0, slash);
        Ipv4Address address = Ipv4Address.tryParse(text.substring(slash + 1)).orElse(null);
        if (name.isEmpty() || address == null || name.equals("*")) {
            diagnostics.error(path, "'" + text + "' is not an interface: expected name or name/IPv4-address");
            return null;
        }
        return new InterfacesConfig.Interface(name, address);
    }

    static LeaseDatabaseConfig leaseDatabase(MapReader parent) {
        MapReader r = parent.map("lease-database");
        if (r == null) {
            return LeaseDatabaseConfig.DEFAULT;
        }
        String type = r.requiredString("type");
        Boolean persist = r.bool("persist");
        String name = r.string("name");
        Long lfcInterval = r.uint32("lfc-interval");
        Long maxRowErrors = r.uint32("max-row-errors");
        r.userContext();
        r.skip("comment");
        if (type != null && !type.equals("memfile")) {
            if (type.equals("mysql") || type.equals("postgresql")) {
                r.error("type", "lease-database type '" + type + "' is not supported by Kakapo yet; use memfile");
            } else {
                r.error("type", "'" + type + "' is not a lease database type: expected memfile, mysql or postgresql");
            }
        }
        r.notActedOn("only SQL lease databases use it", SQL_DATABASE_KEYS);
        r.finish();
        return new LeaseDatabaseConfig("memfile", persist == null || persist, name,
                lfcInterval == null ? 3600 : lfcInterval, maxRowErrors == null ? 0 : maxRowErrors);
    }

    static MultiThreadingConfig multiThreading(MapReader parent) {
        MapReader r = parent.map("multi-threading");
        if (r == null) {
            return MultiThreadingConfig.DEFAULT;
        }
        Boolean enabled = r.bool("enable-multi-threading");
        Long threads = r.integer("thread-pool-size", 0, 65535);
        Long queue = r.integer("packet-queue-size", 0, 1 << 20);
        r.userContext();
        r.skip("comment");
        r.finish();
        MultiThreadingConfig d = MultiThreadingConfig.DEFAULT;
        return new MultiThreadingConfig(enabled == null ? d.enabled() : enabled,
                threads == null ? d.threadPoolSize() : threads.intValue(),
                queue == null ? d.packetQueueSize() : queue.intValue());
    }

    /** Kea 2's {@code control-socket} map or Kea 3's {@code control-sockets} list; not both. */
    static List<ControlSocketConfig> controlSockets(MapReader parent) {
        List<ControlSocketConfig> sockets = new ArrayList<>();
        if (parent.has("control-socket") && parent.has("control-sockets")) {
            parent.error("control-sockets", "use either control-socket or control-sockets, not both");
        }
        MapReader single = parent.map("control-socket");
        if (single != null) {
            ControlSocketConfig socket = controlSocket(single);
            if (socket != null) {
                sockets.add(socket);
            }
        }
        sockets.addAll(parent.mapList("control-sockets", ServiceSectionParser::controlSocket));
        long unix = sockets.stream().filter(s -> s.type().equals("unix")).count();
        if (unix > 1) {
            parent.error("control-sockets", "only one unix control socket may be configured");
        }
        return sockets;
    }

    private static ControlSocketConfig controlSocket(MapReader r) {
        String type = r.requiredString("socket-type");
        String name = r.string("socket-name");
        String address = r.string("socket-address");
        Integer port = r.uint16("socket-port");
        ControlSocketConfig.BasicAuthentication auth = authentication(r);
        String trustAnchor = r.string("trust-anchor");
        String certFile = r.string("cert-file");
        String keyFile = r.string("key-file");
        Boolean certRequired = r.bool("cert-required");
        List<ControlSocketConfig.HttpHeader> headers = r.mapList("http-headers", h -> {
            String headerName = h.requiredString("name");
            String value = h.requiredString("value");
            h.userContext();
            h.skip("comment");
            h.finish();
            return headerName == null || value == null ? null : new ControlSocketConfig.HttpHeader(headerName, value);
        });
        var userContext = r.userContext();
        r.skip("comment");
        r.finish();
        if (type == null) {
            return null;
        }
        switch (type) {
            case "unix":
                if (name == null || name.isEmpty()) {
                    r.diagnostics().error(r.path(), "'socket-name' is required for a unix control socket");
                    return null;
                }
                return new ControlSocketConfig(type, name, null, 0, null, null, null, null, false, headers, userContext);
            case "http":
            case "https":
                int tls = (trustAnchor != null ? 1 : 0) + (certFile != null ? 1 : 0) + (keyFile != null ? 1 : 0);
                if (type.equals("https") && tls != 3) {
                    r.error("socket-type", "an https control socket needs trust-anchor, cert-file and key-file");
                    return null;
                }
                if (type.equals("http") && tls != 0) {
                    r.error("socket-type", "trust-anchor, cert-file and key-file need socket-type https");
                    return null;
                }
                String host = address == null ? "127.0.0.1" : address;
                return new ControlSocketConfig(type, null, host, port == null ? 8000 : port, auth, trustAnchor, certFile,
                        keyFile, certRequired == null || certRequired, headers, userContext);
            default:
                r.error("socket-type", "'" + type + "' is not a control socket type: expected unix, http or https");
                return null;
        }
    }

    private static ControlSocketConfig.BasicAuthentication authentication(MapReader parent) {
        MapReader r = parent.map("authentication");
        if (r == null) {
            return null;
        }
        String type = r.requiredString("type");
        if (type != null && !type.equals("basic")) {
            r.error("type", "'" + type + "' is not an authentication type: expected basic");
        }
        String realm = r.string("realm");
        String directory = r.string("directory");
        List<ControlSocketConfig.Client> clients = r.mapList("clients", c -> {
            String user = c.string("user");
            String password = c.string("password");
            String userFile = c.string("user-file");
            String passwordFile = c.string("password-file");
            c.userContext();
            c.skip("comment");
            c.finish();
            if (user == null && userFile == null) {
                c.diagnostics().error(c.path(), "a client needs user or user-file");
                return null;
            }
            if (user != null && userFile != null || password != null && passwordFile != null) {
                c.diagnostics().error(c.path(), "give each of user and password inline or by file, not both");
                return null;
            }
            if (user != null && user.contains(":")) {
                c.error("user", "a user name cannot contain ':'");
                return null;
            }
            return new ControlSocketConfig.Client(user, password, userFile, passwordFile);
        });
        r.userContext();
        r.skip("comment");
        r.finish();
        return new ControlSocketConfig.BasicAuthentication(realm == null ? "kea-dhcpv4-server" : realm, directory, clients);
    }

    static ExpiredLeasesConfig expiredLeases(MapReader parent) {
        MapReader r = parent.map("expired-leases-processing");
        if (r == null) {
            return ExpiredLeasesConfig.DEFAULT;
        }
        ExpiredLeasesConfig d = ExpiredLeasesConfig.DEFAULT;
        Long reclaim = r.uint32("reclaim-timer-wait-time");
        Long flush = r.uint32("flush-reclaimed-timer-wait-time");
        Long hold = r.uint32("hold-reclaimed-time");
        Long maxLeases = r.uint32("max-reclaim-leases");
        Long maxTime = r.uint32("max-reclaim-time");
        Long cycles = r.uint32("unwarned-reclaim-cycles");
        r.userContext();
        r.skip("comment");
        r.finish();
        return new ExpiredLeasesConfig(reclaim == null ? d.reclaimTimerWaitTime() : reclaim,
                flush == null ? d.flushReclaimedTimerWaitTime() : flush, hold == null ? d.holdReclaimedTime() : hold,
                maxLeases == null ? d.maxReclaimLeases() : maxLeases, maxTime == null ? d.maxReclaimTime() : maxTime,
                cycles == null ? d.unwarnedReclaimCycles() : cycles);
    }
}
