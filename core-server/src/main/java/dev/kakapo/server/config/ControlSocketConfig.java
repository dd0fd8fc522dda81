package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A control socket: Kea 2's {@code control-socket} or one entry of Kea 3's {@code control-sockets}.
 *
 * @param type           {@code unix}, {@code http} or {@code https}
 * @param socketName     the unix socket's path; null for HTTP
 * @param address        the HTTP address to listen on; null for unix
 * @param port           the HTTP port; 0 for unix
 * @param authentication basic authentication for HTTP, or null for none
 * @param trustAnchor    TLS trust anchor for HTTPS, or null
 * @param certFile       TLS certificate for HTTPS, or null
 * @param keyFile        TLS key for HTTPS, or null
 * @param certRequired   whether HTTPS clients must present a certificate
 * @param httpHeaders    extra headers added to HTTP answers
 * @param userContext    the socket's {@code user-context}, or null
 */
public record ControlSocketConfig(String type, String socketName, String address, int port,
                                  BasicAuthentication authentication, String trustAnchor, String certFile,
                                  String keyFile, boolean certRequired, List<HttpHeader> httpHeaders,
                                  JsonNode userContext) {

    /** Copies the list. */
    public ControlSocketConfig {
        httpHeaders = List.copyOf(httpHeaders);
    }

    /**
     * Basic authentication of an HTTP control socket.
     *
     * @param realm     the realm named in {@code WWW-Authenticate}
     * @param directory where {@code user-file} and {@code password-file} are looked up
     * @param clients   the accepted clients; empty means no authentication
     */
    public record BasicAuthentication(String realm, String directory, List<Client> clients) {

        /** Copies the list. */
        public BasicAuthentication {
            clients = List.copyOf(clients);
        }
    }

    /**
     * One accepted client, given inline or by files.
     *
     * @param user         the user name, or null when read from {@code userFile}
     * @param password     the password, or null when read from {@code passwordFile}
     * @param userFile     a file holding the user name, or null
     * @param passwordFile a file holding the password, or null
     */
    public record Client(String user, String password, String userFile, String passwordFile) {
    }

    /**
     * A header added to every HTTP answer.
     *
     * @param name  the header name
     * @param value the header value
     */
    public record HttpHeader(String name, String value) {
    }
}
