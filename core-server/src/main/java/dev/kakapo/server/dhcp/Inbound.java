package dev.kakapo.server.dhcp;

import dev.kakapo.api.net.Ipv4Address;

import java.util.List;
import java.util.Objects;

/**
 * Where a message came from and in on: what subnet selection and the reply need besides the
 * message itself.
 *
 * @param interfaceName      the interface it came in on, or null when unknown
 * @param interfaceAddresses the IPv4 addresses of that interface (for subnet selection), possibly empty
 * @param serverAddress      this server's address on that path: the server identifier of the reply
 * @param sourceAddress      the sender's address
 * @param sourcePort         the sender's port
 */
public record Inbound(String interfaceName, List<Ipv4Address> interfaceAddresses, Ipv4Address serverAddress,
                      Ipv4Address sourceAddress, int sourcePort) {

    /** Checks the parts and copies the list. */
    public Inbound {
        interfaceAddresses = List.copyOf(interfaceAddresses);
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
    }

    /** A message that reached the server's address {@code serverAddress} from a relay or client at {@code source}. */
    public static Inbound via(String interfaceName, Ipv4Address serverAddress, Ipv4Address source, int port) {
        return new Inbound(interfaceName, List.of(serverAddress), serverAddress, source, port);
    }
}
