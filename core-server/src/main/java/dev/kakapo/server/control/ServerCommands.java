package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.server.Dhcp4Server;
import dev.kakapo.server.cli.VersionReport;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ConfigProblem;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.KeaConfigLoader;
import dev.kakapo.server.config.MultiThreadingConfig;
import dev.kakapo.server.dhcp.NetworkState;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.server.stats.Statistic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * The commands {@code kea-dhcp4} itself answers, with Kea's arguments, texts and result codes:
 * {@code list-commands}, {@code version-get}, {@code build-report}, {@code status-get},
 * {@code config-get}, {@code config-hash-get}, {@code config-test}, {@code config-set},
 * {@code config-reload}, {@code config-write}, {@code shutdown}, {@code dhcp-disable},
 * {@code dhcp-enable}, {@code leases-reclaim}, {@code statistic-get(-all)},
 * {@code statistic-reset(-all)}, {@code statistic-remove(-all)} and {@code server-tag-get}.
 */
public final class ServerCommands {

    /** The names of the commands this class answers. */
    public static final Set<String> NAMES = Set.of("list-commands", "version-get", "build-report", "status-get",
            "config-get", "config-hash-get", "config-test", "config-set", "config-reload", "config-write", "shutdown",
            "dhcp-disable", "dhcp-enable", "leases-reclaim", "statistic-get", "statistic-get-all", "statistic-reset",
            "statistic-reset-all", "statistic-remove", "statistic-remove-all", "server-tag-get");

    private static final DateTimeFormatter SAMPLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());
    private static final ObjectMapper WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Dhcp4Server server;
    private final HookLibraryCatalog catalog;
    private final Path configFile;
    private final IntConsumer shutdown;
    private CommandDispatcher dispatcher;

    /**
     * The commands of {@code server}.
     *
     * @param catalog    where hook libraries are found (for config checks and build-report)
     * @param configFile the file given with {@code -c}, for config-reload and config-write; null when embedded
     * @param shutdown   stops the server with an exit value, after the answer has left
     */
    public ServerCommands(Dhcp4Server server, HookLibraryCatalog catalog, Path configFile, IntConsumer shutdown) {
        this.server = server;
        this.catalog = catalog;
        this.configFile = configFile;
        this.shutdown = shutdown;
    }

    /** A dispatcher answering these commands and the hook libraries'. */
    public CommandDispatcher dispatcher() {
        if (dispatcher == null) {
            Map<String, CommandHandler> handlers = new LinkedHashMap<>();
            handlers.put("list-commands", r -> CommandAnswer.success(list(dispatcher.commandNames())));
            handlers.put("version-get", this::versionGet);
            handlers.put("build-report", r -> CommandAnswer.success(VersionReport.extended(catalog)));
            handlers.put("status-get", r -> CommandAnswer.success(status()));
            handlers.put("config-get", this::configGet);
            handlers.put("config-hash-get", r -> CommandAnswer.success(object().put("hash", hash(server.config()))));
            handlers.put("config-test", this::configTest);
            handlers.put("config-set", this::configSet);
            handlers.put("config-reload", this::configReload);
            handlers.put("config-write", this::configWrite);
            handlers.put("shutdown", this::shutdown);
            handlers.put("dhcp-disable", this::dhcpDisable);
            handlers.put("dhcp-enable", this::dhcpEnable);
            handlers.put("leases-reclaim", this::leasesReclaim);
            handlers.put("statistic-get", this::statisticGet);
            handlers.put("statistic-get-all", r -> CommandAnswer.success(statistics(server.statistics().all())));
            handlers.put("statistic-reset", r -> statisticNamed(r, "reset"));
            handlers.put("statistic-reset-all", r -> {
                server.statistics().resetAll();
                return CommandAnswer.success("All statistics reset to neutral values.");
            });
            handlers.put("statistic-remove", r -> statisticNamed(r, "removed"));
            handlers.put("statistic-remove-all", r -> {
                server.statistics().removeAll();
                return CommandAnswer.success("Warning: statistic-remove-all command is deprecated. All statistics removed.");
            });
            handlers.put("server-tag-get", r -> CommandAnswer.success(object().put("server-tag", server.config().serverTag())));
            dispatcher = new CommandDispatcher(handlers, server);
        }
        return dispatcher;
    }

    private CommandAnswer versionGet(CommandRequest request) {
        return CommandAnswer.success(VersionReport.version(), object().put("extended", VersionReport.extended(catalog)));
    }

    private ObjectNode status() {
        ObjectNode status = object();
        long now = System.currentTimeMillis();
        status.put("pid", ProcessHandle.current().pid());
        status.put("uptime", (now - server.startedMillis()) / 1000);
        status.put("reload", (now - server.configuredMillis()) / 1000);
        MultiThreadingConfig threading = server.config().multiThreading();
        status.put("multi-threading-enabled", threading.enabled());
        if (threading.enabled()) {
            status.put("thread-pool-size", threading.threadPoolSize() > 0 ? threading.threadPoolSize()
                    : Runtime.getRuntime().availableProcessors());
            status.put("packet-queue-size", threading.packetQueueSize());
            ArrayNode queue = status.putArray("packet-queue-statistics");
            for (double average : server.queueStatistics()) {
                queue.add(average);
            }
        }
        status.putObject("sockets").put("status", "ready");
        ObjectNode state = status.putObject("dhcp-state");
        Set<Integer> origins = server.networkState().disabledBy();
        state.put("globally-disabled", !origins.isEmpty());
        state.put("disabled-by-user", origins.contains(NetworkState.USER));
        ArrayNode local = state.putArray("disabled-by-local-command");
        ArrayNode remote = state.putArray("disabled-by-remote-command");
        state.putArray("disabled-by-db-connection");
        for (int origin : origins) {
            if (origin >= NetworkState.HA_LOCAL && origin < NetworkState.HA_REMOTE) {
                local.add(origin);
            } else if (origin >= NetworkState.HA_REMOTE && origin < NetworkState.HA_REMOTE + 1000) {
                remote.add(origin);
            }
        }
        return status;
    }

    private CommandAnswer configGet(CommandRequest request) {
        ObjectNode arguments = object();
        arguments.set("Dhcp4", server.config().json().deepCopy());
        arguments.put("hash", hash(server.config()));
        return CommandAnswer.success(arguments);
    }

    /** SHA-256 of the configuration as written, upper-case hex, as Kea 2.4 and later report it. */
    static String hash(Dhcp4Config config) {
        try {
            ObjectNode whole = object();
            whole.set("Dhcp4", config.json());
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(whole.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The {@code Dhcp4} configuration of a config-test or config-set, checked; or an answer saying why not. */
    private Object checkedConfig(CommandRequest request) {
        JsonNode arguments = request.arguments();
        if (arguments == null) {
            return CommandAnswer.error("Missing mandatory 'arguments' parameter.");
        }
        if (!arguments.isObject()) {
            return CommandAnswer.error("'arguments' parameter expected to be a map.");
        }
        JsonNode dhcp4 = arguments.get("Dhcp4");
        if (dhcp4 == null) {
            return CommandAnswer.error("Missing mandatory 'Dhcp4' parameter.");
        }
        if (!dhcp4.isObject()) {
            return CommandAnswer.error("'Dhcp4' parameter expected to be a map.");
        }
        for (var keys = arguments.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("Dhcp4")) {
                return CommandAnswer.error("Unsupported '" + key + "' parameter.");
            }
        }
        return parse(object().set("Dhcp4", dhcp4).toString(), request.name());
    }

    private Object parse(String text, String source) {
        try {
            return new KeaConfigLoader(catalog, KeaConfigLoader.Mode.SERVE).parse(text, source).config();
        } catch (ConfigException e) {
            return CommandAnswer.error(e.errors().stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
    }

    private CommandAnswer configTest(CommandRequest request) {
        Object checked = checkedConfig(request);
        if (checked instanceof CommandAnswer) {
            return (CommandAnswer) checked;
        }
        return CommandAnswer.success("Configuration seems sane. Control-socket, hook-libraries, and D2 configuration "
                + "were sanity checked, but not applied.");
    }

    private CommandAnswer configSet(CommandRequest request) {
        Object checked = checkedConfig(request);
        if (checked instanceof CommandAnswer) {
            return (CommandAnswer) checked;
        }
        return apply((Dhcp4Config) checked, "");
    }

    private CommandAnswer apply(Dhcp4Config config, String failurePrefix) {
        try {
            server.reconfigure(config);
        } catch (ConfigException e) {
            return CommandAnswer.error(failurePrefix + e.errors().stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("; ")));
        } catch (IOException | RuntimeException e) {
            return CommandAnswer.error(failurePrefix + e.getMessage());
        }
        return CommandAnswer.success("Configuration successful.", object().put("hash", hash(config)));
    }

    private CommandAnswer configReload(CommandRequest request) {
        if (configFile == null) {
            return CommandAnswer.error("Config reload failed: the server was not started with a configuration file");
        }
        String text;
        try {
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return CommandAnswer.error("Config reload failed: cannot read " + configFile + ": " + e.getMessage());
        }
        Object checked = parse(text, configFile.toString());
        if (checked instanceof CommandAnswer) {
            return CommandAnswer.error("Config reload failed: " + ((CommandAnswer) checked).text());
        }
        return apply((Dhcp4Config) checked, "Config reload failed: ");
    }

    private CommandAnswer configWrite(CommandRequest request) {
        JsonNode arguments = request.arguments();
        Path target = configFile;
        if (arguments != null && arguments.has("filename")) {
            if (!arguments.get("filename").isTextual()) {
                return CommandAnswer.error("filename parameter must be a string");
            }
            target = Path.of(arguments.get("filename").asText());
        }
        if (target == null) {
            return CommandAnswer.error("Unable to determine filename.Please specify filename explicitly.");
        }
        try {
            ObjectNode whole = object();
            whole.set("Dhcp4", server.config().json());
            byte[] bytes = WRITER.writeValueAsBytes(whole);
            Files.write(target, bytes);
            ObjectNode out = object();
            out.put("filename", target.toString());
            out.put("size", bytes.length);
            return CommandAnswer.success("Configuration written to " + target + " successful", out);
        } catch (IOException e) {
            return CommandAnswer.error("Error during config-write: " + e.getMessage());
        }
    }

    private CommandAnswer shutdown(CommandRequest request) {
        int exitValue = 0;
        JsonNode arguments = request.arguments();
        if (arguments != null && arguments.has("exit-value")) {
            if (!arguments.get("exit-value").isIntegralNumber()) {
                return CommandAnswer.error("parameter 'exit-value' is not an integer");
            }
            exitValue = arguments.get("exit-value").asInt();
        }
        shutdown.accept(exitValue);
        return CommandAnswer.success("Shutting down.");
    }

    /** The origin of a dhcp-disable or dhcp-enable: {@code origin-id} first, then {@code origin} (Kea 2.6's rules). */
    private static int origin(JsonNode arguments) {
        if (arguments == null) {
            return NetworkState.USER;
        }
        JsonNode id = arguments.get("origin-id");
        if (id != null) {
            if (!id.isIntegralNumber()) {
                throw new IllegalArgumentException("'origin-id' argument must be a number");
            }
            return id.asInt();
        }
        JsonNode origin = arguments.get("origin");
        if (origin == null) {
            return NetworkState.USER;
        }
        if (origin.isIntegralNumber()) {
            return origin.asInt();
        }
        if (!origin.isTextual()) {
            throw new IllegalArgumentException("'origin' argument must be a string or a number");
        }
        switch (origin.asText()) {
            case "user":
                return NetworkState.USER;
            case "ha-partner":
                return NetworkState.HA_REMOTE;
            default:
                throw new IllegalArgumentException("invalid value used for 'origin' parameter: " + origin.asText());
        }
    }

    private CommandAnswer dhcpDisable(CommandRequest request) {
        JsonNode arguments = request.arguments();
        long maxPeriod = 0;
        if (arguments != null && arguments.has("max-period")) {
            JsonNode period = arguments.get("max-period");
            if (!period.isIntegralNumber()) {
                return CommandAnswer.error("'max-period' argument must be a number");
            }
            if (period.asLong() <= 0) {
                return CommandAnswer.error("'max-period' must be positive integer");
            }
            maxPeriod = period.asLong();
        }
        int origin;
        try {
            origin = origin(arguments);
        } catch (IllegalArgumentException e) {
            return CommandAnswer.error(e.getMessage());
        }
        server.networkState().disable(origin, maxPeriod);
        return CommandAnswer.success("DHCPv4 service disabled" + (maxPeriod > 0 ? " for " + maxPeriod + " seconds" : ""));
    }

    private CommandAnswer dhcpEnable(CommandRequest request) {
        int origin;
        try {
            origin = origin(request.arguments());
        } catch (IllegalArgumentException e) {
            return CommandAnswer.error(e.getMessage());
        }
        server.networkState().enable(origin);
        return CommandAnswer.success("DHCP service successfully enabled");
    }

    private CommandAnswer leasesReclaim(CommandRequest request) {
        JsonNode arguments = request.arguments();
        if (arguments == null || !arguments.has("remove")) {
            return CommandAnswer.error("Missing mandatory 'remove' parameter.");
        }
        if (!arguments.get("remove").isBoolean()) {
            return CommandAnswer.error("'remove' parameter expected to be a boolean.");
        }
        server.reclaimExpiredLeases(arguments.get("remove").asBoolean());
        return CommandAnswer.success("Reclamation of expired leases is complete.");
    }

    private static String statisticName(CommandRequest request) {
        JsonNode arguments = request.arguments();
        if (arguments == null || !arguments.has("name")) {
            throw new IllegalArgumentException("Missing mandatory 'name' parameter.");
        }
        if (!arguments.get("name").isTextual()) {
            throw new IllegalArgumentException("'name' parameter expected to be a string.");
        }
        return arguments.get("name").asText();
    }

    private CommandAnswer statisticGet(CommandRequest request) {
        String name;
        try {
            name = statisticName(request);
        } catch (IllegalArgumentException e) {
            return CommandAnswer.error(e.getMessage());
        }
        Statistic statistic = server.statistics().find(name);
        return CommandAnswer.success(statistic == null ? object() : statistics(List.of(statistic)));
    }

    private CommandAnswer statisticNamed(CommandRequest request, String done) {
        String name;
        try {
            name = statisticName(request);
        } catch (IllegalArgumentException e) {
            return CommandAnswer.error(e.getMessage());
        }
        boolean found = done.equals("reset") ? server.statistics().reset(name) : server.statistics().remove(name);
        return found ? CommandAnswer.success("Statistic '" + name + "' " + done + ".")
                : CommandAnswer.error("No '" + name + "' statistic found");
    }

    /** Statistics as Kea reports them: each name with a list of [value, "local time"] samples, the newest first. */
    private static ObjectNode statistics(Iterable<Statistic> all) {
        ObjectNode out = object();
        for (Statistic statistic : all) {
            ArrayNode sample = out.putArray(statistic.name()).addArray();
            sample.add(statistic.get());
            sample.add(SAMPLE_TIME.format(Instant.ofEpochMilli(statistic.changedMillis())));
        }
        return out;
    }

    private static ArrayNode list(Iterable<String> names) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        names.forEach(list::add);
        return list;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
