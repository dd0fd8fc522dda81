package dev.kakapo.server.config;

import dev.kakapo.api.net.Ipv4Address;

import java.util.List;

/**
 * {@code interfaces-config}: where the server listens.
 *
 * @param interfaces        the interfaces, in order; {@code *} means all
 * @param socketType        {@code dhcp-socket-type}: {@code raw} (Kea's default) or {@code udp}
 * @param outboundInterface {@code outbound-interface}: {@code same-as-inbound} or {@code use-routing}
 * @param reDetect          {@code re-detect}
 * @param serviceSocketsRequireAll   {@code service-sockets-require-all}
 * @param serviceSocketsMaxRetries   {@code service-sockets-max-retries}
 * @param serviceSocketsRetryWaitTime {@code service-sockets-retry-wait-time}, milliseconds
 */
public record InterfacesConfig(List<Interface> interfaces, String socketType, String outboundInterface,
                               boolean reDetect, boolean serviceSocketsRequireAll, long serviceSocketsMaxRetries,
                               long serviceSocketsRetryWaitTime) {

    /** No interfaces: the server answers nothing until some are configured, as Kea. */
    public static final InterfacesConfig NONE = new InterfacesConfig(List.of(), "raw", "same-as-inbound", true, false, 0, 5000);

    /** Copies the list. */
    public InterfacesConfig {
        interfaces = List.copyOf(interfaces);
    }

    /**
     * One entry of {@code interfaces}: {@code eth0}, {@code eth0/192.0.2.1} or {@code *}.
     *
     * @param name    the interface name, or {@code *} for all
     * @param address the one address to listen on, or null for all of the interface's addresses
     */
    public record Interface(String name, Ipv4Address address) {

        /** Whether this entry is {@code *}. */
        public boolean isWildcard() {
            return "*".equals(name);
        }

        @Override
        public String toString() {
            return address == null ? name : name + "/" + address;
        }
    }
}
