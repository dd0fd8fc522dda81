package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.Ipv4Address;

import java.util.List;

/**
 * A host reservation: what one client, known by one identifier, always gets.
 *
 * @param identifierType the kind of identifier the reservation is keyed on
 * @param identifier     the identifier's bytes
 * @param ipAddress      the reserved address, or null when the reservation only sets options or classes
 * @param hostname       the reserved host name, or null
 * @param nextServer     {@code next-server} for this host, or null
 * @param serverHostname {@code server-hostname} for this host, or null
 * @param bootFileName   {@code boot-file-name} for this host, or null
 * @param optionData     options for this host
 * @param clientClasses  classes the host is put in
 * @param userContext    the reservation's {@code user-context}, or null
 */
public record ReservationConfig(HostIdentifierType identifierType, byte[] identifier, Ipv4Address ipAddress,
                                String hostname, Ipv4Address nextServer, String serverHostname, String bootFileName,
                                List<OptionDataConfig> optionData, List<String> clientClasses, JsonNode userContext) {

    /** Copies the identifier and the lists. */
    public ReservationConfig {
        identifier = identifier.clone();
        optionData = List.copyOf(optionData);
        clientClasses = List.copyOf(clientClasses);
    }

    /** A copy of the identifier's bytes. */
    @Override
    public byte[] identifier() {
        return identifier.clone();
    }
}
