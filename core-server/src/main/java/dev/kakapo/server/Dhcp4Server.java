package dev.kakapo.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ConfigProblem;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.KeaConfigLoader;
import dev.kakapo.server.config.LeaseDatabaseConfig;
import dev.kakapo.server.config.LoadedConfig;
import dev.kakapo.server.config.SourceLocation;
import dev.kakapo.server.config.Subnet4Config;
import dev.kakapo.server.control.CommandDispatcher;
import dev.kakapo.server.control.ControlChannel;
import dev.kakapo.server.control.ServerCommands;
import dev.kakapo.server.dhcp.Dhcp4Processor;
import dev.kakapo.server.dhcp.DhcpService;
import dev.kakapo.server.dhcp.Inbound;
import dev.kakapo.server.dhcp.NetworkState;
import dev.kakapo.server.dhcp.Reply;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.server.hooks.HookLoadException;
import dev.kakapo.server.hooks.LoadedHooks;
import dev.kakapo.server.hooks.ParkingLot;
import dev.kakapo.server.lease.ChronicleLeaseStore;
import dev.kakapo.server.lease.LeaseStores;
import dev.kakapo.server.net.Listener;
import dev.kakapo.server.net.Listeners;
import dev.kakapo.server.net.ReplyTransport;
import dev.kakapo.server.pipeline.PacketFlow;
import dev.kakapo.server.pipeline.PacketPipeline;
import dev.kakapo.server.stats.Statistic;
import dev.kakapo.server.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * A Kakapo DHCPv4 server, for {@code kakapo-dhcp4 -c} and for embedding: build it from a Kea
 * configuration, {@link #start()} it, {@link #close()} it. Closing leaves no thread and no socket
 * behind. Without sockets ({@link Builder#withoutSockets()}) it answers queries handed to
 * {@link #handle(byte[], Inbound)} in process, for tests and benchmarks.
 *
 * <p>{@link #reconfigure} serves a new configuration over the same leases, as Kea's
 * {@code config-set} does: the sockets stop taking packets, the packets already taken are
 * answered under the old configuration, the old hook libraries are unloaded and the new ones
 * loaded, and the sockets open again. When anything in the new configuration fails, the old one
 * is restored and keeps serving.
 */
public final class Dhcp4Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dhcp4Server.class);
    /** Callouts that threw or returned no step, across libraries. */
    public static final String HOOK_CALLOUT_FAILURES = "hook-callout-failures";

    private final Settings settings;
    private final Statistics statistics = new Statistics();
    private final NetworkState networkState = new NetworkState();
    private final Statistic calloutFailures = statistics.get(HOOK_CALLOUT_FAILURES);
    private final long startedMillis = System.currentTimeMillis();
    private final Object configuring = new Object();
    private volatile Serving current;
    /** The hook libraries commands and command_processed callouts go to: those being configured, then served. */
    private volatile LoadedHooks activeHooks;
    private volatile long configuredMillis = startedMillis;
    private LeaseStore store;
    private boolean ownsStore;
    private PacketPipeline pipeline;
    private List<Listener> listeners = List.of();
    private final CommandDispatcher commands;
    private final ControlChannel controlChannel;

    private Dhcp4Server(Settings settings, Dhcp4Config config, LeaseStore givenStore) throws ConfigException, IOException {
        this.settings = settings;
        this.ownsStore = givenStore == null;
        this.store = givenStore != null ? givenStore : openStore(config);
        IntConsumer shutdown = settings.onShutdown != null ? settings.onShutdown : exitValue -> closeSoon();
        this.commands = new ServerCommands(this, settings.catalog, settings.configFile, shutdown).dispatcher();
        this.controlChannel = new ControlChannel(commands);
        try {
            serve(config);
            if (settings.sockets) {
                controlChannel.apply(config);
            }
        } catch (ConfigException | IOException | RuntimeException e) {
            controlChannel.close();
            if (current != null) {
                stopServing();
            }
            networkState.close();
            if (ownsStore) {
                store.close();
            }
            throw e;
        }
    }

    private static LeaseStore openStore(Dhcp4Config config) {
        return LeaseStores.open(config.leaseDatabase(), config.subnets().stream().mapToLong(Subnet4Config::poolCapacity).sum());
    }

    /** Whether two {@code lease-database} sections name the same store (an {@code lfc-interval} of its own does not). */
    private static boolean sameStore(LeaseDatabaseConfig a, LeaseDatabaseConfig b) {
        return a.type().equals(b.type()) && a.persist() == b.persist() && Objects.equals(a.name(), b.name());
    }

    /** Starts serving {@code config} over the current store: service, hook libraries, sockets. */
    private void serve(Dhcp4Config config) throws ConfigException, IOException {
        DhcpService service = new DhcpService(config, store, statistics, settings.clock, settings.serverPort, settings.clientPort);
        LoadedHooks hooks;
        try {
            hooks = LoadedHooks.load(config.hooksLibraries(), wholeConfiguration(config), settings.catalog, service.subnets(),
                    service.leases(), this::execute,
                    config.multiThreading().enabled(), settings.serverCommands, calloutFailures, statistics);
        } catch (HookLoadException e) {
            throw refused("Dhcp4.hooks-libraries", e.getMessage());
        }
        // Libraries may run commands from dhcp4_srv_configured on (HA disables the service there).
        activeHooks = hooks;
        try {
            String refusal = hooks.configured(wholeConfiguration(config));
            if (refusal != null) {
                throw refused("Dhcp4", "a dhcp4_srv_configured callout refused the configuration: " + refusal);
            }
            ParkingLot parkingLot = new ParkingLot(config.parkedPacketLimit(), statistics.get(Statistics.PKT4_RECEIVE_DROP),
                    statistics.get(Statistics.PKT4_PARKED), System::nanoTime);
            service.start(hooks.callouts(), parkingLot);
            Serving serving = new Serving(config, service, hooks, new PacketFlow(service.processor(), hooks.callouts(), networkState));
            // Current before the sockets open: their first packet must meet this configuration.
            current = serving;
            if (settings.sockets) {
                List<Listener> opened = Listeners.open(config.interfaces(), settings.serverPort);
                try {
                    pipeline = new PacketPipeline(opened, config.multiThreading(), serving.flow.packetStatistics(), () -> current.flow);
                } catch (RuntimeException e) {
                    Listeners.closeAll(opened);
                    throw e;
                }
                listeners = opened;
            }
            configuredMillis = System.currentTimeMillis();
        } catch (ConfigException | IOException | RuntimeException e) {
            activeHooks = current != null ? current.hooks : null;
            service.close();
            hooks.close();
            throw e;
        }
    }

    private static ConfigException refused(String path, String message) {
        return new ConfigException(List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, path, SourceLocation.START, message)));
    }

    /** {@code {"Dhcp4": ...}} as the configuration was written. */
    private static JsonNode wholeConfiguration(Dhcp4Config config) {
        ObjectNode whole = JsonNodeFactory.instance.objectNode();
        whole.set("Dhcp4", config.json() != null ? config.json().deepCopy() : JsonNodeFactory.instance.objectNode());
        return whole;
    }

    /** Stops the sockets (answering what they took), unloads the hook libraries and stops the timers. */
    private void stopServing() {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
            listeners = List.of();
        }
        Serving old = current;
        if (old != null) {
            old.service.close();
            old.hooks.close();
        }
    }

    /**
     * Serves {@code next} instead of the current configuration, keeping the leases (a changed
     * {@code lease-database} opens the new store). On failure the old configuration is served
     * again and the exception says what was wrong.
     *
     * @throws ConfigException when the hook libraries refuse the configuration
     * @throws IOException     when a socket or the lease store cannot be opened
     */
    public void reconfigure(Dhcp4Config next) throws ConfigException, IOException {
        synchronized (configuring) {
            Dhcp4Config previous = current.config;
            stopServing();
            LeaseStore oldStore = store;
            boolean newStore = ownsStore && !sameStore(next.leaseDatabase(), previous.leaseDatabase());
            try {
                if (newStore) {
                    store = openStore(next);
                }
                serve(next);
            } catch (ConfigException | IOException | RuntimeException e) {
                LOG.error("DHCP4_CONFIG_FAIL the new configuration cannot be served, the old one is restored: {}", e.getMessage());
                if (newStore && store != oldStore) {
                    store.close();
                }
                store = oldStore;
                restore(previous);
                throw e;
            }
            if (newStore) {
                oldStore.close();
            } else if (store instanceof ChronicleLeaseStore leases) {
                leases.compactEvery(next.leaseDatabase().lfcInterval());
            }
            for (Subnet4Config gone : previous.subnets()) {
                if (next.subnet(gone.id()).isEmpty()) {
                    statistics.removeAll("subnet[" + gone.id() + "].");
                }
            }
            if (settings.sockets) {
                try {
                    controlChannel.apply(next);
                } catch (IOException e) {
                    LOG.error("COMMAND_SOCKET_OPEN_FAIL a control socket of the new configuration cannot be opened: {}",
                            e.getMessage());
                }
            }
            if (settings.onConfigured != null) {
                settings.onConfigured.accept(next);
            }
            LOG.info("DHCP4_CONFIG_COMPLETE now serving {} subnets, hook libraries {}", next.subnets().size(),
                    current.hooks.names());
        }
    }

    private void restore(Dhcp4Config previous) {
        try {
            serve(previous);
        } catch (ConfigException | IOException | RuntimeException e) {
            // The configuration served a moment ago no longer starts (a socket taken meanwhile):
            // serve it without its hook libraries rather than not at all.
            LOG.error("DHCP4_CONFIG_RESTORE_FAIL the old configuration could not be restored: {}", e.getMessage());
            throw new IllegalStateException("the old configuration could not be restored: " + e.getMessage(), e);
        }
    }

    /** Closes the server from a thread of its own, once the shutdown command's answer has had a moment to leave. */
    private void closeSoon() {
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }, "kakapo-shutdown-command");
        closer.setDaemon(true);
        closer.start();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration served. */
    public Dhcp4Config config() {
        return current.config;
    }

    /** The statistics, under Kea's names. */
    public Statistics statistics() {
        return statistics;
    }

    /** The lease store (with statistics kept in step with every write). */
    public LeaseStore leases() {
        return current.service.leases();
    }

    /** The sockets served, empty in process. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The processor, for in-process callers that work with decoded packets. */
    public Dhcp4Processor processor() {
        return current.service.processor();
    }

    /** Whether the service is enabled, and who disabled it. */
    public NetworkState networkState() {
        return networkState;
    }

    /**
     * Answers a control command as the control sockets do: the server's own commands and those
     * of the hook libraries, {@code command_processed} callouts included.
     */
    public CommandAnswer execute(CommandRequest request) {
        return commands.dispatch(request);
    }

    /** The commands the loaded hook libraries registered, by name. */
    public Map<String, CommandHandler> hookCommands() {
        LoadedHooks hooks = activeHooks;
        return hooks == null ? Map.of() : hooks.commands();
    }

    /** The hook libraries' callouts. */
    public Callouts callouts() {
        LoadedHooks hooks = activeHooks;
        return hooks == null ? Callouts.none(calloutFailures) : hooks.callouts();
    }

    /** The pipeline's ring occupancy, averaged over about the last 10, 100 and 1000 packets; zeros in process, where nothing queues. */
    public double[] queueStatistics() {
        PacketPipeline running = pipeline;
        return running == null ? new double[3] : running.averageOccupancy();
    }

    /** When the server started, in milliseconds since the epoch. */
    public long startedMillis() {
        return startedMillis;
    }

    /** When the configuration being served was applied, in milliseconds since the epoch. */
    public long configuredMillis() {
        return configuredMillis;
    }

    /**
     * Answers one query in process, with no socket: runs it through the same way a datagram takes
     * (hook callouts included) and returns the reply's bytes, or null when no reply is due now
     * (dropped and counted, or parked by a hook).
     */
    public byte[] handle(byte[] query, Inbound inbound) {
        byte[][] sent = new byte[1][];
        handle(query, inbound, (data, destination, port) -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            sent[0] = bytes;
        });
        return sent[0];
    }

    /**
     * Answers one datagram in process the way a socket's datagram is answered; the reply goes to
     * {@code transport}, now or, when a hook parked it, from the thread that resumes it.
     */
    public void handle(byte[] datagram, Inbound inbound, ReplyTransport transport) {
        current.flow.handle(datagram, datagram.length, inbound, transport, new byte[PacketFlow.BUFFER_SIZE]);
    }

    /** Answers one decoded query in process, without hook callouts on the way in and out; the reply says where it would be sent. */
    public Reply handle(DhcpPacket query, Inbound inbound) {
        Reply reply = processor().process(query, inbound);
        if (reply != null) {
            processor().packetStatistics().countSent(reply.packet().messageType().orElse(null));
        }
        return reply;
    }

    /** Runs one lease reclamation now (it also runs on its timer); returns how many leases it reclaimed. */
    public int reclaimExpiredLeases() {
        return current.service.reclaimNow(false);
    }

    /** Runs one lease reclamation now; with {@code remove}, also deletes the reclaimed leases kept for returning clients. */
    public int reclaimExpiredLeases(boolean remove) {
        return current.service.reclaimNow(remove);
    }

    /** Stops serving: closes the sockets, drains the pipeline, unloads the hooks, stops the timers, closes the lease store. */
    @Override
    public void close() {
        synchronized (configuring) {
            if (current == null) {
                return;
            }
            controlChannel.close();
            stopServing();
            current = null;
            networkState.close();
            if (ownsStore) {
                store.close();
            }
        }
        LOG.info("DHCP4_SHUTDOWN server stopped");
    }

    /** One configuration being served. */
    private static final class Serving {
        final Dhcp4Config config;
        final DhcpService service;
        final LoadedHooks hooks;
        final PacketFlow flow;

        Serving(Dhcp4Config config, DhcpService service, LoadedHooks hooks, PacketFlow flow) {
            this.config = config;
            this.service = service;
            this.hooks = hooks;
            this.flow = flow;
        }
    }

    /** What a server keeps of its builder. */
    private static final class Settings {
        final boolean sockets;
        final int serverPort;
        final int clientPort;
        final LongSupplier clock;
        final HookLibraryCatalog catalog;
        final Set<String> serverCommands;
        final Path configFile;
        final IntConsumer onShutdown;
        final Consumer<Dhcp4Config> onConfigured;

        Settings(Builder builder, HookLibraryCatalog catalog) {
            this.sockets = builder.sockets;
            this.serverPort = builder.serverPort;
            this.clientPort = builder.clientPort;
            this.clock = builder.clock;
            this.catalog = catalog;
            this.serverCommands = ServerCommands.NAMES;
            this.configFile = builder.file;
            this.onShutdown = builder.onShutdown;
            this.onConfigured = builder.onConfigured;
        }
    }

    /** Builds a {@link Dhcp4Server}. */
    public static final class Builder {

        private Dhcp4Config config;
        private Path file;
        private String text;
        private HookLibraryCatalog hooks;
        private IntConsumer onShutdown;
        private Consumer<Dhcp4Config> onConfigured;
        private LeaseStore store;
        private boolean sockets = true;
        private int serverPort = Dhcp4Processor.SERVER_PORT;
        private int clientPort = Dhcp4Processor.CLIENT_PORT;
        private LongSupplier clock = () -> System.currentTimeMillis() / 1000;

        private Builder() {
        }

        /** Serves an already loaded configuration. */
        public Builder config(Dhcp4Config loaded) {
            this.config = Objects.requireNonNull(loaded);
            return this;
        }

        /**
         * Serves the Kea configuration in {@code configFile} (unless {@link #config} gave it
         * already loaded); {@code config-reload} and {@code config-write} use the file.
         */
        public Builder configFile(Path configFile) {
            this.file = Objects.requireNonNull(configFile);
            return this;
        }

        /** Serves the Kea configuration in {@code json}. */
        public Builder configText(String json) {
            this.text = Objects.requireNonNull(json);
            return this;
        }

        /** Finds {@code hooks-libraries} in {@code catalog} instead of the class path's libraries. */
        public Builder hooks(HookLibraryCatalog catalog) {
            this.hooks = catalog;
            return this;
        }

        /**
         * What the {@code shutdown} command does with its exit value, once its answer has left;
         * by default the server closes itself.
         */
        public Builder onShutdown(IntConsumer action) {
            this.onShutdown = Objects.requireNonNull(action);
            return this;
        }

        /** Keeps leases in {@code leaseStore} instead of the one {@code lease-database} describes; the caller closes it. */
        public Builder leaseStore(LeaseStore leaseStore) {
            this.store = leaseStore;
            return this;
        }

        /** Opens no socket and starts no pipeline: queries are handed to {@link #handle} in process. */
        public Builder withoutSockets() {
            this.sockets = false;
            return this;
        }

        /** The port to listen on and to answer relays on (Kea's {@code -p}; 67 by default). */
        public Builder serverPort(int port) {
            this.serverPort = port;
            return this;
        }

        /** The port to answer clients on (Kea's {@code -P}; 68 by default). */
        public Builder clientPort(int port) {
            this.clientPort = port;
            return this;
        }

        /** The clock, in seconds since the epoch (tests move time). */
        public Builder clock(LongSupplier secondsSinceEpoch) {
            this.clock = Objects.requireNonNull(secondsSinceEpoch);
            return this;
        }

        /**
         * Runs {@code action} with each configuration the server goes on to serve after a
         * reconfiguration ({@code config-set}, {@code config-reload}); the standalone server
         * applies the {@code loggers} section this way.
         */
        public Builder onConfigured(Consumer<Dhcp4Config> action) {
            this.onConfigured = action;
            return this;
        }

        /**
         * Loads the configuration (strictly, for this host), opens the lease store and the sockets,
         * and starts serving.
         *
         * @throws ConfigException when the configuration is refused (by its checks or a hook library)
         * @throws IOException     when a socket or the lease store cannot be opened
         */
        public Dhcp4Server start() throws ConfigException, IOException {
            HookLibraryCatalog catalog = hooks != null ? hooks : HookLibraryCatalog.fromClassPath();
            Dhcp4Config loaded = config;
            if (loaded == null) {
                KeaConfigLoader loader = new KeaConfigLoader(catalog,
                        sockets ? KeaConfigLoader.Mode.SERVE : KeaConfigLoader.Mode.CHECK);
                LoadedConfig result = file != null ? loader.load(file) : loader.parse(Objects.requireNonNull(text,
                        "give a configuration: config, configFile or configText"), "configuration");
                for (ConfigProblem warning : result.warnings()) {
                    LOG.warn("DHCP4_CONFIG_WARNING {}", warning);
                }
                loaded = result.config();
            }
            return new Dhcp4Server(new Settings(this, catalog), loaded, store);
        }
    }
}
