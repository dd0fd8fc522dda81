package dev.kakapo.server.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The seed article's five configurations (test resources), written into a directory for the lab to read. */
final class SeedFiles {

    static final List<String> NAMES = List.of("kea-1", "kea-2", "kea-3", "kea-4", "kea-backup");

    private SeedFiles() {
    }

    static List<Path> writeTo(Path dir) throws IOException {
        Path seed = Files.createDirectories(dir.resolve("seed"));
        List<Path> files = new ArrayList<>();
        for (String name : NAMES) {
            try (InputStream in = SeedFiles.class.getResourceAsStream("/configs/seed/" + name + ".json")) {
                Path file = seed.resolve(name + ".json");
                Files.write(file, in.readAllBytes());
                files.add(file);
            }
        }
        return files;
    }
}
