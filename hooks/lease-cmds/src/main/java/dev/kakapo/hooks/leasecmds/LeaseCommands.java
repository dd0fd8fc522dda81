package dev.kakapo.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Kea's {@code lease4-*} commands over the server's lease store, answer for answer: the same
 * arguments, result codes (0 done, 1 bad arguments, 3 nothing found, 4 conflict, as Kea 2.3.1
 * and later) and texts. Writes go through the server's store, so they are persisted at once and
 * the address statistics follow them.
 */
final class LeaseCommands {

    /** Leases read from the store per step when a command walks it. */
    private static final int PAGE = 1000;

    private final LeaseStore store;
    private final Subnets subnets;
    private final LeaseParser parser;
    private final LongSupplier nowSeconds;

    LeaseCommands(LeaseStore store, Subnets subnets, LongSupplier nowSeconds) {
        this.store = store;
        this.subnets = subnets;
        this.parser = new LeaseParser(subnets);
        this.nowSeconds = nowSeconds;
    }

    /** Every command, by name. */
    Map<String, CommandHandler> handlers() {
        Map<String, CommandHandler> handlers = new LinkedHashMap<>();
        handlers.put("lease4-add", guarded(this::add));
        handlers.put("lease4-update", guarded(this::update));
        handlers.put("lease4-get", guarded(this::get));
        handlers.put("lease4-del", guarded(this::delete));
        handlers.put("lease4-get-all", guarded(this::getAll));
        handlers.put("lease4-get-page", guarded(this::getPage));
        handlers.put("lease4-get-by-hw-address", guarded(r -> getBy(r, "hw-address")));
        handlers.put("lease4-get-by-client-id", guarded(r -> getBy(r, "client-id")));
        handlers.put("lease4-get-by-hostname", guarded(r -> getBy(r, "hostname")));
        handlers.put("lease4-wipe", guarded(this::wipe));
        handlers.put("lease4-resend-ddns", guarded(this::resendDdns));
        handlers.put("lease4-write", guarded(this::write));
        handlers.put("lease4-bulk-apply", guarded(this::bulkApply));
        return handlers;
    }

    private interface Command {
        CommandAnswer run(CommandRequest request) throws CommandFailure, IOException;
    }

    private static CommandHandler guarded(Command command) {
        return request -> {
            try {
                return command.run(request);
            } catch (CommandFailure failure) {
                return failure.answer();
            }
        };
    }

    /** One command of a bulk: its answer, a failure included, so the others still run. */
    private static CommandAnswer attempt(Command command, CommandRequest request) {
        try {
            return command.run(request);
        } catch (CommandFailure failure) {
            return failure.answer();
        } catch (IOException e) {
            return CommandAnswer.error(e.getMessage());
        }
    }

    private static JsonNode map(CommandRequest request, String missing) throws CommandFailure {
        if (!request.hasArgumentsMap()) {
            throw CommandFailure.badArguments(missing);
        }
        return request.arguments();
    }

    private CommandAnswer add(CommandRequest request) throws CommandFailure {
        Lease4 lease = parser.parse(map(request, "no parameters specified for the command"), nowSeconds.getAsLong());
        if (!store.insert(lease)) {
            throw CommandFailure.conflict("IPv4 lease already exists.");
        }
        return CommandAnswer.success("Lease for address " + lease.address() + ", subnet-id " + lease.subnetId() + " added.");
    }

    private CommandAnswer update(CommandRequest request) throws CommandFailure {
        return update(map(request, "no parameters specified for lease4-update command"));
    }

    private CommandAnswer update(JsonNode arguments) throws CommandFailure {
        long now = nowSeconds.getAsLong();
        Lease4 lease = parser.parse(arguments, now);
        boolean forceCreate = new Arguments(arguments).optionalBoolean("force-create", false);
        boolean fromPartner = "ha-partner".equals(arguments.path("origin").asText());
        // A partner's update is tried again when the lease changed under it (this server wrote
        // the address at the same moment): a race is no reason to refuse, and Kea 3 partners count
        // refusals towards terminating the relationship. An operator's update fails at once, as in Kea.
        for (int attempt = 0; attempt < (fromPartner ? 3 : 1); attempt++) {
            Optional<Lease4> existing = store.get(lease.address());
            if (existing.isPresent() && fromPartner && takesFromAnotherClient(existing.get(), lease, now)) {
                // Result 1, not Kea's 4 for conflicts: a Kea 3 partner counts 4s towards terminating the
                // relationship (max-rejected-lease-updates), and this refusal is no configuration mismatch.
                throw CommandFailure.badArguments(ADDRESS_HELD + ": " + lease.address() + " is leased to another client until "
                        + existing.get().expire() + "; an HA partner's update may not give it away");
            }
            if (existing.isEmpty()) {
                if (!forceCreate) {
                    break;
                }
                if (store.insert(lease)) {
                    return CommandAnswer.success("IPv4 lease added.");
                }
            } else if (store.update(existing.get(), lease)) {
                return CommandAnswer.success("IPv4 lease updated.");
            }
        }
        throw CommandFailure.conflict("failed to update the lease with address " + lease.address() + " either because the "
                + "lease has been deleted or it has changed in the database, in both cases a retry might succeed");
    }

    /** How a refused partner's update begins; Kakapo's HA library recognises it (and withdraws its own lease). */
    static final String ADDRESS_HELD = "address held by another client";

    /**
     * Whether writing {@code incoming} over {@code existing} would give an address a client holds
     * to another client. Kakapo refuses that from an HA partner (Kea overwrites): two servers
     * that gave one address to two clients while cut off from each other would otherwise both
     * answer, and the partner's answer waits for this one, so the refusal keeps the second client
     * from getting the address. An operator's {@code lease4-update} may still do it.
     */
    static boolean takesFromAnotherClient(Lease4 existing, Lease4 incoming, long now) {
        return existing.heldAgainst(incoming, now);
    }

    /** The lease an {@code ip-address} or an identifier with its {@code subnet-id} names, or empty. */
    private Optional<Lease4> find(JsonNode arguments) throws CommandFailure {
        Arguments args = new Arguments(arguments);
        if (args.has("ip-address")) {
            return store.get(Identifiers.address(args.requiredString("ip-address")));
        }
        JsonNode subnet = args.get("subnet-id");
        if (subnet == null) {
            throw CommandFailure.badArguments("Mandatory 'subnet-id' parameter missing.");
        }
        if (!subnet.isIntegralNumber()) {
            throw CommandFailure.badArguments("'subnet-id' parameter is not integer.");
        }
        JsonNode type = args.get("identifier-type");
        if (type == null || !type.isTextual()) {
            throw CommandFailure.badArguments("No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        }
        JsonNode identifier = args.get("identifier");
        if (identifier == null || !identifier.isTextual()) {
            throw CommandFailure.badArguments("No 'ip-address' provided and 'identifier' is either missing or not a string.");
        }
        long subnetId = subnet.asLong();
        List<Lease4> candidates;
        switch (type.asText()) {
            case "hw-address":
                HardwareAddress hw = Identifiers.hwAddress(identifier.asText());
                candidates = hw == null ? List.of() : store.findByHwAddress(hw);
                break;
            case "client-id":
                candidates = store.findByClientId(Identifiers.clientId(identifier.asText()));
                break;
            case "duid":
                throw CommandFailure.badArguments("Query by duid is not allowed in v4.");
            default:
                throw CommandFailure.badArguments("Incorrect identifier type: " + type.asText()
                        + ", the only supported values are: address, hw-address, duid");
        }
        return candidates.stream().filter(l -> l.subnetId() == subnetId).findFirst();
    }

    private CommandAnswer get(CommandRequest request) throws CommandFailure {
        Optional<Lease4> lease = find(map(request, "Parameters missing or are not a map."));
        if (lease.isEmpty()) {
            return CommandAnswer.empty("Lease not found.");
        }
        return CommandAnswer.success("IPv4 lease found.", LeaseJson.of(lease.get()));
    }

    private CommandAnswer delete(CommandRequest request) throws CommandFailure {
        JsonNode arguments = map(request, "Parameters missing or are not a map.");
        JsonNode ddns = arguments.get("update-ddns");
        if (ddns != null && !ddns.isBoolean()) {
            throw CommandFailure.badArguments("'update-ddns' is not a boolean");
        }
        Optional<Lease4> lease = find(arguments);
        if (lease.isEmpty() || !store.delete(lease.get())) {
            return CommandAnswer.empty("IPv4 lease not found.");
        }
        return CommandAnswer.success("IPv4 lease deleted.");
    }

    /**
     * Kakapo's {@code lease4-bulk-apply}, shaped as Kea's {@code lease6-bulk-apply}: the
     * {@code deleted-leases} (each named by {@code ip-address}) are deleted, then the
     * {@code leases} written as {@code lease4-update} writes them, in order. One that fails does
     * not stop the others; it is listed in {@code failed-deleted-leases} or {@code failed-leases}
     * with its own result and text. Kakapo's HA partners send their lease updates this way when
     * the peer lists this command.
     */
    private CommandAnswer bulkApply(CommandRequest request) throws CommandFailure {
        JsonNode arguments = map(request, "no parameters specified for lease4-bulk-apply command");
        JsonNode deleted = arguments.path("deleted-leases");
        JsonNode written = arguments.path("leases");
        if (!deleted.isMissingNode() && !deleted.isArray() || !written.isMissingNode() && !written.isArray()) {
            throw CommandFailure.badArguments("'deleted-leases' and 'leases' must be lists");
        }
        if (deleted.isMissingNode() && written.isMissingNode()) {
            throw CommandFailure.badArguments("neither 'deleted-leases' nor 'leases' parameter specified");
        }
        ArrayNode failedDeleted = JsonNodeFactory.instance.arrayNode();
        ArrayNode failedWritten = JsonNodeFactory.instance.arrayNode();
        int applied = applyEach(deleted, "lease4-del", this::delete, failedDeleted)
                + applyEach(written, "lease4-update", this::update, failedWritten);
        ObjectNode failures = null;
        if (!failedDeleted.isEmpty() || !failedWritten.isEmpty()) {
            failures = JsonNodeFactory.instance.objectNode();
            failures.set("failed-deleted-leases", failedDeleted);
            failures.set("failed-leases", failedWritten);
        }
        return new CommandAnswer(CommandAnswer.RESULT_SUCCESS, "Bulk apply of " + applied + " IPv4 leases completed.", failures);
    }

    /** Runs {@code command} on each element in order; lists each one that fails in {@code failed}. Returns how many succeeded. */
    private static int applyEach(JsonNode elements, String name, Command command, ArrayNode failed) {
        int applied = 0;
        for (JsonNode element : elements) {
            CommandAnswer answer = attempt(command, new CommandRequest(name, element));
            if (answer.isSuccess()) {
                applied++;
            } else {
                failed.add(failure(element, answer));
            }
        }
        return applied;
    }

    private static ObjectNode failure(JsonNode element, CommandAnswer answer) {
        ObjectNode failed = JsonNodeFactory.instance.objectNode();
        failed.put("ip-address", element.path("ip-address").asText());
        failed.put("result", answer.result());
        failed.put("error-message", answer.text());
        return failed;
    }

    private CommandAnswer getAll(CommandRequest request) throws CommandFailure {
        List<Lease4> found = new ArrayList<>();
        if (request.arguments() == null) {
            walk(lease -> true, found::add);
        } else {
            JsonNode list = request.arguments().get("subnets");
            if (list == null) {
                throw CommandFailure.badArguments("'subnets' parameter not specified");
            }
            if (!list.isArray()) {
                throw CommandFailure.badArguments("'subnets' parameter must be a list");
            }
            List<Long> ids = new ArrayList<>();
            for (JsonNode id : list) {
                if (!id.isIntegralNumber()) {
                    throw CommandFailure.badArguments("listed subnet identifiers must be numbers");
                }
                ids.add(id.asLong());
            }
            // Kea answers subnet by subnet, each in address order.
            for (long id : ids) {
                walk(lease -> lease.subnetId() == id, found::add);
            }
        }
        return leases(found, false);
    }

    private CommandAnswer getPage(CommandRequest request) throws CommandFailure {
        JsonNode arguments = map(request, "Parameters missing or are not a map.");
        JsonNode from = arguments.get("from");
        if (from == null) {
            throw CommandFailure.badArguments("'from' parameter not specified");
        }
        if (!from.isTextual()) {
            throw CommandFailure.badArguments("'from' parameter must be a string");
        }
        Ipv4Address after = null;
        if (!from.asText().equals("start")) {
            after = Ipv4Address.tryParse(from.asText()).orElseThrow(() -> CommandFailure.badArguments(
                    "'from' parameter value is neither 'start' keyword nor a valid IPv4 address"));
        }
        JsonNode limit = arguments.get("limit");
        if (limit == null) {
            throw CommandFailure.badArguments("'limit' parameter not specified");
        }
        if (!limit.isIntegralNumber()) {
            throw CommandFailure.badArguments("'limit' parameter must be a number");
        }
        if (limit.asLong() <= 0) {
            throw CommandFailure.badArguments("page size of retrieved leases must not be 0");
        }
        return leases(store.page(after, (int) Math.min(limit.asLong(), Integer.MAX_VALUE)), true);
    }

    private CommandAnswer getBy(CommandRequest request, String key) throws CommandFailure {
        JsonNode arguments = map(request, "Parameters missing or are not a map.");
        JsonNode value = arguments.get(key);
        if (value == null) {
            throw CommandFailure.badArguments("'" + key + "' parameter not specified");
        }
        if (!value.isTextual()) {
            throw CommandFailure.badArguments("'" + key + "' parameter must be a string");
        }
        List<Lease4> found;
        switch (key) {
            case "hw-address":
                HardwareAddress hw = Identifiers.hwAddress(value.asText());
                found = hw == null ? List.of() : store.findByHwAddress(hw);
                break;
            case "client-id":
                found = store.findByClientId(Identifiers.clientId(value.asText()));
                break;
            default:
                if (value.asText().isEmpty()) {
                    throw CommandFailure.badArguments("'hostname' parameter is empty");
                }
                found = store.findByHostname(value.asText().toLowerCase(Locale.ROOT));
        }
        List<Lease4> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> Integer.compareUnsigned(a.address().bits(), b.address().bits()));
        return leases(sorted, false);
    }

    private CommandAnswer wipe(CommandRequest request) throws CommandFailure {
        long subnetId = request.arguments() == null ? 0 : new Arguments(request.arguments()).optionalUint32("subnet-id", 0);
        List<Long> ids;
        if (subnetId == 0) {
            ids = subnets.ids();
        } else {
            if (subnets.byId(subnetId) == null) {
                throw CommandFailure.badArguments("Invalid subnet-id: " + subnetId);
            }
            ids = List.of(subnetId);
        }
        Set<Long> wiped = Set.copyOf(ids);
        List<Lease4> doomed = new ArrayList<>();
        walk(lease -> wiped.contains(lease.subnetId()), doomed::add);
        int deleted = 0;
        for (Lease4 lease : doomed) {
            if (store.delete(lease)) {
                deleted++;
            }
        }
        String text = "Deleted " + deleted + " IPv4 lease(s) from subnet(s) "
                + ids.stream().map(String::valueOf).collect(Collectors.joining(" "));
        return deleted == 0 ? CommandAnswer.empty(text) : CommandAnswer.success(text);
    }

    private CommandAnswer resendDdns(CommandRequest request) throws CommandFailure {
        JsonNode arguments = map(request, "Parameters missing or are not a map.");
        if (!arguments.has("ip-address")) {
            throw CommandFailure.badArguments("'ip-address' parameter is missing.");
        }
        Identifiers.address(new Arguments(arguments).requiredString("ip-address"));
        // Kakapo sends no DNS updates: answer as Kea does with DDNS off.
        throw CommandFailure.conflict("DDNS updating is not enabled");
    }

    private CommandAnswer write(CommandRequest request) throws CommandFailure, IOException {
        JsonNode arguments = map(request, "Parameters missing or are not a map.");
        JsonNode filename = arguments.get("filename");
        if (filename == null) {
            throw CommandFailure.badArguments("'filename' parameter not specified");
        }
        if (!filename.isTextual() || filename.asText().isEmpty()) {
            throw CommandFailure.badArguments("'filename' parameter must be a non-empty string");
        }
        Path file = Path.of(filename.asText());
        try (KeaLeaseCsvWriter writer = KeaLeaseCsvWriter.create(file)) {
            walk(lease -> true, writer::write);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw CommandFailure.badArguments("Failed to write the lease database to '" + file + "': " + e.getMessage());
        }
        return CommandAnswer.success("IPv4 lease database into '" + file + "'.");
    }

    /** Walks the store in address order, a page at a time, handing the leases {@code wanted} selects to {@code sink}. */
    private void walk(Predicate<Lease4> wanted, java.util.function.Consumer<Lease4> sink) {
        Ipv4Address cursor = null;
        while (true) {
            List<Lease4> page = store.page(cursor, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (Lease4 lease : page) {
                if (wanted.test(lease)) {
                    sink.accept(lease);
                }
            }
            cursor = page.get(page.size() - 1).address();
        }
    }

    /** Kea's answer for a list of leases: "N IPv4 lease(s) found.", result 3 when there are none. */
    private static CommandAnswer leases(List<Lease4> found, boolean withCount) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        ArrayNode list = arguments.putArray("leases");
        found.forEach(lease -> list.add(LeaseJson.of(lease)));
        if (withCount) {
            arguments.put("count", found.size());
        }
        String text = found.size() + " IPv4 lease(s) found.";
        return found.isEmpty() ? new CommandAnswer(CommandAnswer.RESULT_EMPTY, text, arguments)
                : CommandAnswer.success(text, arguments);
    }
}
