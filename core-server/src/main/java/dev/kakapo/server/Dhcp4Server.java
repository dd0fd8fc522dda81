package dev.kakapo.server;

import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.api.packet.DecodeResult;
import dev.kakapo.api.packet.DhcpCodec;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ConfigProblem;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.HookLibraryResolver;
import dev.kakapo.server.config.KeaConfigLoader;
import dev.kakapo.server.config.LoadedConfig;
import dev.kakapo.server.config.Subnet4Config;
import dev.kakapo.server.dhcp.Dhcp4Processor;
import dev.kakapo.server.dhcp.DhcpService;
import dev.kakapo.server.dhcp.Inbound;
import dev.kakapo.server.dhcp.Reply;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.server.lease.LeaseStores;
import dev.kakapo.server.net.Listener;
import dev.kakapo.server.net.Listeners;
import dev.kakapo.server.pipeline.PacketPipeline;
import dev.kakapo.server.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A Kakapo DHCPv4 server, for {@code kakapo-dhcp4 -c} and for embedding: build it from a Kea
 * configuration, {@link #start()} it, {@link #close()} it. Closing leaves no thread and no socket
 * behind. Without sockets ({@link Builder#withoutSockets()}) it answers queries handed to
 * {@link #handle(byte[], Inbound)} in process, for tests and benchmarks.
 */
public final class Dhcp4Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dhcp4Server.class);

    private final Dhcp4Config config;
    private final LeaseStore store;
    private final boolean ownsStore;
    private final Statistics statistics = new Statistics();
    private final DhcpService service;
    private final PacketPipeline pipeline;
    private final List<Listener> listeners;

    private Dhcp4Server(Builder builder, Dhcp4Config config) throws IOException {
        this.config = config;
        this.ownsStore = builder.store == null;
        this.store = builder.store != null ? builder.store
                : LeaseStores.open(config.leaseDatabase(), config.subnets().stream().mapToLong(Subnet4Config::poolCapacity).sum());
        PacketPipeline started = null;
        List<Listener> opened = List.of();
        DhcpService created = null;
        try {
            created = new DhcpService(config, store, statistics, builder.clock, builder.serverPort, builder.clientPort);
            if (builder.sockets) {
                opened = Listeners.open(config.interfaces(), builder.serverPort);
                started = new PacketPipeline(opened, config.multiThreading(), created.processor());
            }
        } catch (IOException | RuntimeException e) {
            if (created != null) {
                created.close();
            }
            if (ownsStore) {
                store.close();
            }
            throw e;
        }
        this.service = created;
        this.listeners = opened;
        this.pipeline = started;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration served. */
    public Dhcp4Config config() {
        return config;
    }

    /** The statistics, under Kea's names. */
    public Statistics statistics() {
        return statistics;
    }

    /** The lease store (with statistics kept in step with every write). */
    public LeaseStore leases() {
        return service.leases();
    }

    /** The sockets served, empty in process. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The processor, for in-process callers that work with decoded packets. */
    public Dhcp4Processor processor() {
        return service.processor();
    }

    /**
     * Answers one query in process, with no socket: decodes it, handles it as if it had arrived
     * as {@code inbound} says, and returns the reply's bytes, or null when no reply is due (the
     * reason is counted in the statistics).
     */
    public byte[] handle(byte[] query, Inbound inbound) {
        DecodeResult decoded = DhcpCodec.decode(query);
        if (!decoded.isSuccess()) {
            processor().packetStatistics().received.increment();
            processor().packetStatistics().parseFailed.increment();
            processor().packetStatistics().dropped.increment();
            return null;
        }
        Reply reply = handle(decoded.packet(), inbound);
        return reply == null ? null : DhcpCodec.encode(reply.packet(),
                Math.max(decoded.packet().maxMessageSize().orElse(0), DhcpCodec.MIN_MAX_MESSAGE_SIZE));
    }

    /** Answers one decoded query in process; the reply says where it would be sent. */
    public Reply handle(DhcpPacket query, Inbound inbound) {
        Reply reply = processor().process(query, inbound);
        if (reply != null) {
            processor().packetStatistics().countSent(reply.packet().messageType().orElse(null));
        }
        return reply;
    }

    /** Runs one lease reclamation now (it also runs on its timer); returns how many leases it reclaimed. */
    public int reclaimExpiredLeases() {
        return service.reclaimNow();
    }

    /** Stops serving: closes the sockets, drains the pipeline, stops the timers, closes the lease store. */
    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        service.close();
        if (ownsStore) {
            store.close();
        }
        LOG.info("DHCP4_SHUTDOWN server stopped");
    }

    /** Builds a {@link Dhcp4Server}. */
    public static final class Builder {

        private Dhcp4Config config;
        private Path file;
        private String text;
        private HookLibraryResolver hooks;
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

        /** Serves the Kea configuration in {@code configFile}. */
        public Builder configFile(Path configFile) {
            this.file = Objects.requireNonNull(configFile);
            return this;
        }

        /** Serves the Kea configuration in {@code json}. */
        public Builder configText(String json) {
            this.text = Objects.requireNonNull(json);
            return this;
        }

        /** Resolves {@code hooks-libraries} with {@code resolver} instead of the class path's libraries. */
        public Builder hooks(HookLibraryResolver resolver) {
            this.hooks = resolver;
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
         * Loads the configuration (strictly, for this host), opens the lease store and the sockets,
         * and starts serving.
         *
         * @throws ConfigException when the configuration is refused
         * @throws IOException     when a socket or the lease store cannot be opened
         */
        public Dhcp4Server start() throws ConfigException, IOException {
            Dhcp4Config loaded = config;
            if (loaded == null) {
                KeaConfigLoader loader = new KeaConfigLoader(hooks != null ? hooks : HookLibraryCatalog.fromClassPath(),
                        sockets ? KeaConfigLoader.Mode.SERVE : KeaConfigLoader.Mode.CHECK);
                LoadedConfig result = file != null ? loader.load(file) : loader.parse(Objects.requireNonNull(text,
                        "give a configuration: config, configFile or configText"), "configuration");
                for (ConfigProblem warning : result.warnings()) {
                    LOG.warn("DHCP4_CONFIG_WARNING {}", warning);
                }
                loaded = result.config();
            }
            return new Dhcp4Server(this, loaded);
        }
    }
}
