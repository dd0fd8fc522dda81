package dev.kakapo.server.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kakapo lab's options: defaults, each option, and clear refusals. */
class LabOptionsTest {

    @TempDir
    Path home;

    @Test
    void defaultsToTheSeedFilesUnderTheProjectHome() throws Exception {
        Path seed = Files.createDirectories(home.resolve("examples/kea-configs/seed"));
        Files.writeString(seed.resolve("kea-2.json"), "{}");
        Files.writeString(seed.resolve("kea-1.json"), "{}");
        Files.writeString(seed.resolve("README.md"), "");
        LabOptions options = LabOptions.parse(List.of(), home);
        assertEquals(List.of(seed.resolve("kea-1.json"), seed.resolve("kea-2.json")), options.files());
        assertEquals("kea-2", options.kill());
        assertEquals(10067, options.port());
        assertEquals(8, options.seconds());
        assertEquals(false, options.keep());
    }

    @Test
    void readsEveryOption() {
        LabOptions options = LabOptions.parse(List.of("--kill", "kea-3", "--rate", "50", "--duration", "3", "--port", "20067",
                "--dir", "/tmp/x", "--article-timers", "a.json", "b.json"), home);
        assertEquals(new LabOptions(List.of(Path.of("a.json"), Path.of("b.json")), "kea-3", 50, 3, 20067, Path.of("/tmp/x"),
                true, true), options);
    }

    @Test
    void refusesWhatItCannotUse() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.parse(List.of("--rate", "fast"), home))
                .getMessage().contains("--rate takes a number from 1 to 100000, not 'fast'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.parse(List.of("--port"), home))
                .getMessage().contains("--port needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.parse(List.of("--fast"), home))
                .getMessage().contains("unknown option --fast"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.parse(List.of(), home))
                .getMessage().contains("seed configurations are not in"));
    }
}
