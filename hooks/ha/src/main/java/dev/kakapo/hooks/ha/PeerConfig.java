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
 */
record PeerConfig(String name, URI url, PeerRole role, boolean autoFailover, String basicAuth) {
}
