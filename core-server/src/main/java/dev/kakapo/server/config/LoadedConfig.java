package dev.kakapo.server.config;

import java.util.List;

/**
 * A configuration that was accepted, with the warnings an operator should read.
 *
 * @param config   the configuration
 * @param warnings what was accepted but deserves attention (keys not acted on, missing interfaces under {@code -t}, ...)
 */
public record LoadedConfig(Dhcp4Config config, List<ConfigProblem> warnings) {

    /** Copies the list. */
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
