package dev.kakapo.server.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors and warnings found while reading one configuration, placed in the file. */
final class Diagnostics {

    private final JsonDocument document;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Diagnostics(JsonDocument document) {
        this.document = document;
    }

    void error(String path, String message) {
        errors.add(new ConfigProblem(ConfigProblem.Severity.ERROR, path, document.locate(path), message));
    }

    void warn(String path, String message) {
        warnings.add(new ConfigProblem(ConfigProblem.Severity.WARNING, path, document.locate(path), message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }
}
