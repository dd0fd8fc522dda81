package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.hooks.RecordingLibraryHandle;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every command the HA library registers has its page in the project's docs/api. */
class CommandDocumentationTest {

    @Test
    void everyRegisteredCommandHasItsPage() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        JsonNode parameters = new ObjectMapper().readTree("{\"high-availability\": [{\"this-server-name\": \"a\","
                + " \"mode\": \"hot-standby\", \"peers\": [{\"name\": \"a\", \"url\": \"http://127.0.0.1:" + port + "/\","
                + " \"role\": \"primary\"}, {\"name\": \"b\", \"url\": \"http://127.0.0.2:" + port + "/\", \"role\": \"standby\"}]}]}");
        RecordingLibraryHandle handle = new RecordingLibraryHandle(parameters);
        HighAvailabilityLibrary library = new HighAvailabilityLibrary();
        library.load(handle);
        List<String> commands = new ArrayList<>(handle.commands().keySet());
        library.unload();
        assertFalse(commands.isEmpty());
        Path root = Path.of(System.getProperty("kakapo.jvm.options")).getParent();
        List<String> missing = commands.stream().filter(c -> !Files.isRegularFile(root.resolve("docs/api/" + c + ".md"))).toList();
        assertEquals(List.of(), missing, "commands without a page in docs/api/");
    }
}
