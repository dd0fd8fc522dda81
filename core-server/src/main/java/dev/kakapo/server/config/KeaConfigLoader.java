package dev.kakapo.server.config;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads a Kea {@code kea-dhcp4} configuration file into a {@link Dhcp4Config}, or refuses it with
 * every error found, each naming its JSON path, line and column.
 */
public final class KeaConfigLoader {

    /** What the configuration is for, which decides how strict host-dependent checks are. */
    public enum Mode {
        /** {@code kakapo-dhcp4 -t}: the file is checked, not the host; a missing interface is a warning. */
        CHECK,
        /** Serving: the configuration must work on this host; a missing interface is an error. */
        SERVE
    }

    private final HookLibraryResolver hooks;
    private final Predicate<String> interfaceExists;
    private final Mode mode;

    /**
     * Creates a loader.
     *
     * @param hooks           finds the hook libraries the configuration names
     * @param interfaceExists says whether a network interface exists on this host
     * @param mode            checking a file or serving it
     */
    public KeaConfigLoader(HookLibraryResolver hooks, Predicate<String> interfaceExists, Mode mode) {
        this.hooks = Objects.requireNonNull(hooks);
        this.interfaceExists = Objects.requireNonNull(interfaceExists);
        this.mode = Objects.requireNonNull(mode);
    }

    /** Creates a loader that looks interfaces up on this host. */
    public KeaConfigLoader(HookLibraryResolver hooks, Mode mode) {
        this(hooks, KeaConfigLoader::hostHasInterface, mode);
    }

    /**
     * Reads and checks the file.
     *
     * @throws ConfigException when the file cannot be read or the configuration is refused
     */
    public LoadedConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, "", SourceLocation.START,
                    "cannot read " + file + ": " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /**
     * Reads and checks configuration text.
     *
     * @param source the file name, for messages
     * @throws ConfigException when the configuration is refused
     */
    public LoadedConfig parse(String text, String source) throws ConfigException {
        JsonDocument document = new KeaJsonReader().read(text, source);
        Diagnostics diagnostics = new Diagnostics(document);
        Dhcp4Config config = new Dhcp4Parser(diagnostics, hooks, interfaceExists, mode == Mode.SERVE).parse(document.root());
        if (diagnostics.hasErrors() || config == null) {
            throw new ConfigException(inFileOrder(diagnostics.errors()));
        }
        return new LoadedConfig(config, inFileOrder(diagnostics.warnings()));
    }

    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((ConfigProblem p) -> p.location().line()).thenComparingInt(p -> p.location().column()));
        return sorted;
    }

    private static boolean hostHasInterface(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
