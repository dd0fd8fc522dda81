package dev.kakapo.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.AddressGuard;
import dev.kakapo.api.hooks.Callout;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.LibraryStatistic;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.server.config.HookLibraryConfig;
import dev.kakapo.server.stats.Statistic;
import dev.kakapo.server.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The hook libraries of one configuration, loaded in {@code hooks-libraries} order: their
 * callouts and commands. Closing unloads them in reverse order. A library that cannot be made,
 * is built for another API version, is not multi-threading compatible while multi-threading is
 * on, or throws while loading fails the whole set: those loaded before it are unloaded again.
 */
public final class LoadedHooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedHooks.class);

    private final List<Loaded> libraries;
    private final Callouts callouts;
    private final Map<String, CommandHandler> commands;

    private LoadedHooks(List<Loaded> libraries, Callouts callouts, Map<String, CommandHandler> commands) {
        this.libraries = libraries;
        this.callouts = callouts;
        this.commands = commands;
    }

    /** No libraries. */
    public static LoadedHooks none(Statistic calloutFailures) {
        return new LoadedHooks(List.of(), Callouts.none(calloutFailures), Map.of());
    }

    /**
     * Loads the configured libraries.
     *
     * @param configured      the {@code hooks-libraries} entries
     * @param configuration   the whole configuration, {@code {"Dhcp4": ...}}
     * @param catalog         where libraries are found
     * @param subnets         the configured subnets libraries get
     * @param leases          the lease store libraries get
     * @param commands        runs a control command for a library, as the control channel would
     * @param multiThreading  whether packets are handled on several threads
     * @param serverCommands  names of the server's own commands, which libraries may not take
     * @param calloutFailures counts callouts that throw
     * @param statistics      the server's statistics, which libraries may add to
     * @throws HookLoadException naming the library and saying why it was refused
     */
    public static LoadedHooks load(List<HookLibraryConfig> configured, JsonNode configuration, HookLibraryCatalog catalog,
                                   List<SubnetInfo> subnets, LeaseStore leases, Function<CommandRequest, CommandAnswer> commands,
                                   boolean multiThreading, Set<String> serverCommands, Statistic calloutFailures,
                                   Statistics statistics)
            throws HookLoadException {
        List<Loaded> loaded = new ArrayList<>();
        Callouts.Builder callouts = new Callouts.Builder();
        Map<String, CommandHandler> registered = new LinkedHashMap<>();
        try {
            for (HookLibraryConfig entry : configured) {
                loaded.add(loadOne(entry, configuration, catalog, subnets, leases, commands, statistics, multiThreading,
                        serverCommands, callouts, registered));
            }
        } catch (HookLoadException e) {
            unload(loaded);
            throw e;
        }
        return new LoadedHooks(List.copyOf(loaded), callouts.build(calloutFailures), Collections.unmodifiableMap(registered));
    }

    private static Loaded loadOne(HookLibraryConfig entry, JsonNode configuration, HookLibraryCatalog catalog,
                                  List<SubnetInfo> subnets, LeaseStore leases, Function<CommandRequest, CommandAnswer> execute,
                                  Statistics statistics, boolean multiThreading, Set<String> serverCommands, Callouts.Builder callouts,
                                  Map<String, CommandHandler> commands) throws HookLoadException {
        HookLibraryCatalog.LibraryInstance instance;
        try {
            instance = catalog.instantiate(entry.library());
        } catch (IllegalArgumentException e) {
            throw new HookLoadException(entry.path() + ": " + e.getMessage(), e);
        }
        HookLibrary library = instance.library();
        String name = library.name();
        try {
            if (library.apiVersion() != HookLibrary.API_VERSION) {
                throw new HookLoadException(entry.path() + ": hook library '" + name + "' was built against API version "
                        + library.apiVersion() + "; this server provides version " + HookLibrary.API_VERSION, null);
            }
            if (multiThreading && !library.multiThreadingCompatible()) {
                throw new HookLoadException(entry.path() + ": hook library '" + name
                        + "' is not multi-threading compatible and multi-threading is enabled", null);
            }
            Handle handle = new Handle(name, entry.parameters(), configuration, subnets, leases, execute, statistics, multiThreading,
                    serverCommands, callouts, commands);
            try {
                library.load(handle);
            } catch (Exception | LinkageError e) {
                handle.discard();
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                throw new HookLoadException(entry.path() + ": hook library '" + name + "' failed to load: " + why, e);
            } finally {
                handle.closed = true;
            }
            LOG.info("HOOKS_LIBRARY_LOADED '{}' from {}: {} callouts, commands {}", name, entry.library(),
                    handle.calloutCount, handle.ownCommands);
            return new Loaded(name, instance);
        } catch (HookLoadException e) {
            instance.close();
            throw e;
        }
    }

    /** The callouts, by hook point. */
    public Callouts callouts() {
        return callouts;
    }

    /** The commands the libraries registered, by name. */
    public Map<String, CommandHandler> commands() {
        return commands;
    }

    /** The names of the loaded libraries, in load order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        libraries.forEach(l -> names.add(l.name));
        return names;
    }

    /**
     * Runs the {@code dhcp4_srv_configured} callouts for {@code configuration}; returns why a
     * callout refused it, or null when none did.
     */
    public String configured(JsonNode configuration) {
        if (!callouts.has(HookPoint.DHCP4_SRV_CONFIGURED)) {
            return null;
        }
        Configured context = new Configured(configuration);
        NextStep step = callouts.run(HookPoint.DHCP4_SRV_CONFIGURED, context);
        if (step == NextStep.DROP || context.failure() != null) {
            return context.failure() != null ? context.failure() : "refused by a dhcp4_srv_configured callout";
        }
        return null;
    }

    /** Unloads the libraries, last loaded first. */
    @Override
    public void close() {
        unload(new ArrayList<>(libraries));
    }

    private static void unload(List<Loaded> loaded) {
        for (int i = loaded.size() - 1; i >= 0; i--) {
            Loaded library = loaded.get(i);
            try {
                library.instance.library().unload();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("HOOKS_LIBRARY_UNLOAD_FAILED '{}' threw while unloading: {}", library.name, e.toString(), e);
            }
            library.instance.close();
        }
    }

    private static final class Loaded {
        final String name;
        final HookLibraryCatalog.LibraryInstance instance;

        Loaded(String name, HookLibraryCatalog.LibraryInstance instance) {
            this.name = name;
            this.instance = instance;
        }
    }

    /** What one library registers through while it loads. */
    private static final class Handle implements LibraryHandle {

        private final String library;
        private final JsonNode parameters;
        private final JsonNode configuration;
        private final List<SubnetInfo> subnets;
        private final LeaseStore leases;
        private final Function<CommandRequest, CommandAnswer> execute;
        private final Statistics statistics;
        private final boolean multiThreading;
        private final Set<String> serverCommands;
        private final Callouts.Builder callouts;
        private final Map<String, CommandHandler> commands;
        private final List<String> ownCommands = new ArrayList<>();
        private final List<Runnable> undo = new ArrayList<>();
        private int calloutCount;
        private volatile boolean closed;

        Handle(String library, JsonNode parameters, JsonNode configuration, List<SubnetInfo> subnets, LeaseStore leases,
               Function<CommandRequest, CommandAnswer> execute, Statistics statistics, boolean multiThreading, Set<String> serverCommands, Callouts.Builder callouts,
               Map<String, CommandHandler> commands) {
            this.library = library;
            this.parameters = parameters != null ? parameters : JsonNodeFactory.instance.objectNode();
            this.configuration = configuration;
            this.subnets = List.copyOf(subnets);
            this.leases = leases;
            this.execute = execute;
            this.statistics = statistics;
            this.multiThreading = multiThreading;
            this.serverCommands = serverCommands;
            this.callouts = callouts;
            this.commands = commands;
        }

        @Override
        public JsonNode parameters() {
            return parameters.deepCopy();
        }

        @Override
        public JsonNode configuration() {
            return configuration.deepCopy();
        }

        @Override
        public List<SubnetInfo> subnets() {
            return subnets;
        }

        @Override
        public LeaseStore leases() {
            return leases;
        }

        @Override
        public boolean multiThreading() {
            return multiThreading;
        }

        @Override
        public LibraryStatistic statistic(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a statistic needs a name");
            }
            Statistic statistic = statistics.get(name);
            return new LibraryStatistic() {
                @Override
                public void add(long delta) {
                    statistic.add(delta);
                }

                @Override
                public void set(long value) {
                    statistic.set(value);
                }

                @Override
                public long value() {
                    return statistic.get();
                }
            };
        }

        @Override
        public CommandAnswer execute(CommandRequest request) {
            if (!closed) {
                throw new IllegalStateException("library '" + library + "' can run commands once it is loaded, not while it loads");
            }
            return execute.apply(Objects.requireNonNull(request));
        }

        @Override
        public <C> void callout(HookPoint<C> point, Callout<? super C> callout) {
            checkOpen();
            callouts.add(Objects.requireNonNull(point), Objects.requireNonNull(callout), library);
            undo.add(() -> callouts.remove(point, callout));
            calloutCount++;
        }

        @Override
        public void addressGuard(AddressGuard guard) {
            checkOpen();
            AddressGuard registered = Objects.requireNonNull(guard);
            callouts.addGuard(registered, library);
            undo.add(() -> callouts.removeGuard(registered));
        }

        @Override
        public void command(String name, CommandHandler handler) {
            checkOpen();
            Objects.requireNonNull(handler);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a command needs a name");
            }
            if (serverCommands.contains(name) || commands.containsKey(name)) {
                throw new IllegalArgumentException("command '" + name + "' is already registered");
            }
            commands.put(name, handler);
            ownCommands.add(name);
            undo.add(() -> commands.remove(name));
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("library '" + library + "' can register only while it loads");
            }
        }

        /** Takes back what the library registered before it failed. */
        void discard() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
        }
    }
}
