package dev.kakapo.hooks.prometheus;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.Set;

/**
 * The library's {@code parameters}: {@code address} (default 127.0.0.1) and {@code port}
 * (default 9547, Stork's), optional {@code basic-auth-user} / {@code basic-auth-password} and
 * {@code cert-file} / {@code key-file} (PEM, for HTTPS).
 */
record ExporterSettings(String address, int port, String user, String password, String certFile, String keyFile) {

    static final int DEFAULT_PORT = 9547;
    private static final Set<String> KEYS = Set.of("address", "port", "basic-auth-user", "basic-auth-password",
            "cert-file", "key-file", "comment");

    /**
     * Reads and checks the parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    static ExporterSettings of(JsonNode parameters) {
        JsonNode p = parameters == null || parameters.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode() : parameters;
        if (!p.isObject()) {
            throw new IllegalArgumentException("parameters: expected a map");
        }
        for (Iterator<String> keys = p.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("parameters." + key + ": unknown parameter; expected one of " + KEYS);
            }
        }
        String address = text(p, "address", "127.0.0.1");
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("parameters.address: '" + address + "' is not an address");
        }
        JsonNode portNode = p.path("port");
        int port = DEFAULT_PORT;
        if (!portNode.isMissingNode()) {
            if (!portNode.canConvertToInt() || !portNode.isIntegralNumber() || portNode.asInt() < 0 || portNode.asInt() > 65535) {
                throw new IllegalArgumentException("parameters.port: expected a port number from 0 to 65535, not " + portNode);
            }
            port = portNode.asInt();
        }
        String user = text(p, "basic-auth-user", null);
        String password = text(p, "basic-auth-password", null);
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("parameters: basic-auth-user and basic-auth-password go together");
        }
        String cert = text(p, "cert-file", null);
        String key = text(p, "key-file", null);
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("parameters: cert-file and key-file go together");
        }
        return new ExporterSettings(address, port, user, password, cert, key);
    }

    private static String text(JsonNode p, String key, String fallback) {
        JsonNode value = p.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("parameters." + key + ": expected a non-empty string");
        }
        return value.asText();
    }
}
