package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.options.OptionDefinition;

import java.util.List;
import java.util.Optional;

/**
 * A whole {@code Dhcp4} configuration, validated and with defaults applied.
 *
 * @param interfaces                 {@code interfaces-config}
 * @param leaseDatabase              {@code lease-database}
 * @param multiThreading             {@code multi-threading}
 * @param controlSockets             {@code control-socket} or {@code control-sockets}
 * @param global                     the global network parameters over Kea's defaults
 * @param declineProbationPeriod     {@code decline-probation-period}, seconds
 * @param parkedPacketLimit          {@code parked-packet-limit}
 * @param serverTag                  {@code server-tag}
 * @param optionDefinitions          {@code option-def}
 * @param optionData                 global {@code option-data}
 * @param subnets                    every subnet, those of shared networks included, in configuration order
 * @param sharedNetworks             {@code shared-networks}
 * @param clientClasses              {@code client-classes}
 * @param hostReservationIdentifiers {@code host-reservation-identifiers}, in lookup order
 * @param globalReservations         global {@code reservations}
 * @param expiredLeasesProcessing    {@code expired-leases-processing}
 * @param hooksLibraries             {@code hooks-libraries}, in load order
 * @param loggers                    {@code loggers}
 * @param userContext                the global {@code user-context}, or null
 * @param json                       the {@code Dhcp4} map as written, for {@code config-get}
 */
public record Dhcp4Config(InterfacesConfig interfaces, LeaseDatabaseConfig leaseDatabase,
                          MultiThreadingConfig multiThreading, List<ControlSocketConfig> controlSockets,
                          NetworkParameters global, long declineProbationPeriod, long parkedPacketLimit,
                          String serverTag, List<OptionDefinition> optionDefinitions, List<OptionDataConfig> optionData,
                          List<Subnet4Config> subnets, List<SharedNetworkConfig> sharedNetworks,
                          List<ClientClassConfig> clientClasses, List<HostIdentifierType> hostReservationIdentifiers,
                          List<ReservationConfig> globalReservations, ExpiredLeasesConfig expiredLeasesProcessing,
                          List<HookLibraryConfig> hooksLibraries, List<LoggerConfig> loggers,
                          JsonNode userContext, JsonNode json) {

    /** Copies the lists. */
    public Dhcp4Config {
        controlSockets = List.copyOf(controlSockets);
        optionDefinitions = List.copyOf(optionDefinitions);
        optionData = List.copyOf(optionData);
        subnets = List.copyOf(subnets);
        sharedNetworks = List.copyOf(sharedNetworks);
        clientClasses = List.copyOf(clientClasses);
        hostReservationIdentifiers = List.copyOf(hostReservationIdentifiers);
        globalReservations = List.copyOf(globalReservations);
        hooksLibraries = List.copyOf(hooksLibraries);
        loggers = List.copyOf(loggers);
    }

    /** The subnet with this id. */
    public Optional<Subnet4Config> subnet(long id) {
        return subnets.stream().filter(s -> s.id() == id).findFirst();
    }
}
