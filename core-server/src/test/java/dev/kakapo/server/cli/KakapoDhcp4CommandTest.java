package dev.kakapo.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KakapoDhcp4CommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final KakapoDhcp4 command = new KakapoDhcp4(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private Path seed(String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        try (InputStream in = getClass().getResourceAsStream("/configs/seed/" + name + ".json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkAcceptsASeedConfigurationAndWarnsAboutItsMissingInterface() throws IOException {
        assertEquals(0, command.run("-t", seed("kea-3").toString()));
        assertTrue(out().contains("configuration seems sane: 2 subnets, 2 hook libraries"), out());
        assertTrue(err().contains("WARN") && err().contains("interface 'enp0s8' does not exist on this host"), err());
    }

    @Test
    void checkRefusesABrokenConfigurationNamingThePath() throws IOException {
        Path file = seed("kea-4");
        Files.writeString(file, Files.readString(file).replace("\"id\": 3", "\"id\": \"three\""));
        assertEquals(1, command.run("-t", file.toString()));
        assertTrue(err().contains("ERROR " + file + ": Dhcp4.subnet4[0].id (line 61, column 23): expected an integer"), err());
        assertTrue(err().contains("configuration refused: 1 error"), err());
    }

    @Test
    void checkRefusesAFileThatDoesNotExist() {
        assertEquals(1, command.run("-t", dir.resolve("missing.json").toString()));
        assertTrue(err().contains("cannot read"), err());
    }

    @Test
    void runRefusesAConfigurationWhoseInterfacesThisHostLacks() throws IOException {
        assertEquals(1, command.run("-c", seed("kea-2").toString()));
        assertTrue(err().contains("interface 'enp0s8' does not exist on this host"), err());
        assertTrue(err().contains("ERROR"), err());
    }

    @Test
    void printsTheVersion() {
        assertEquals(0, command.run("-v"));
        assertTrue(out().trim().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), out());
    }

    @Test
    void printsTheExtendedVersionWithTheHookLibraries() {
        assertEquals(0, command.run("-V"));
        assertTrue(out().contains("ha (for libdhcp_ha)"), out());
        assertTrue(out().contains("Chronicle Map"), out());
    }

    @Test
    void refusesUnknownFlagsWithTheUsage() {
        assertEquals(1, command.run("-x"));
        assertTrue(err().contains("unknown argument '-x'") && err().contains("Usage: kakapo-dhcp4"), err());
        assertEquals(1, command.run("-t"));
        assertEquals(1, command.run("-t", "a.json", "-c", "b.json"));
        assertEquals(1, command.run());
    }
}
