package dev.kakapo.hooks.ha;

import java.net.URI;

/**
 * One entry of a relationship's {@code peers}.
 *
 * @param name         the peer's name, also its scope's name
 * @param url          where its peer listener is
 * @param role         its role
 * @param autoFailover whether it takes over its partner's scopes in partner-down
 * @param basicAuth    the {@code Authorization} value to send to it (and that its listener accepts), or null
 * @param tls          the TLS files for talking to it (for this server's own entry: for its listener), or null for plain HTTP
 */
record PeerConfig(String name, URI url, PeerRole role, boolean autoFailover, String basicAuth, Tls tls) {

    /**
     * PEM files as Kea names them.
     *
     * @param trustAnchor the CA certificates (a file or a directory)
     * @param certFile    the certificate presented
     * @param keyFile     its PKCS#8 private key
     */
    record Tls(String trustAnchor, String certFile, String keyFile) {
    }
}
