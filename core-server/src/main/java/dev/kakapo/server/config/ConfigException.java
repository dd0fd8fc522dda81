package dev.kakapo.server.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration is refused; carries every error found, each with its JSON path. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> errors;

    /** Creates the exception from the errors that refuse the configuration. */
    public ConfigException(List<ConfigProblem> errors) {
        super(errors.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The errors, in the order they were found. */
    public List<ConfigProblem> errors() {
        return errors;
    }
}
