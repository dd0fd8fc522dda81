package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.Callout;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.LeaseStore;
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
        List<String> commands = new ArrayList<>();
        HighAvailabilityLibrary library = new HighAvailabilityLibrary();
        library.load(new LibraryHandle() {
            @Override
            public JsonNode parameters() {
                return parameters;
            }

            @Override
            public JsonNode configuration() {
                return parameters;
            }

            @Override
            public List<SubnetInfo> subnets() {
                return List.of();
            }

            @Override
            public LeaseStore leases() {
                return null;
            }

            @Override
            public boolean multiThreading() {
                return true;
            }

            @Override
            public CommandAnswer execute(CommandRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <C> void callout(HookPoint<C> point, Callout<? super C> callout) {
            }

            @Override
            public void command(String name, CommandHandler handler) {
                commands.add(name);
            }
        });
        library.unload();
        assertFalse(commands.isEmpty());
        Path root = Path.of(System.getProperty("kakapo.jvm.options")).getParent();
        List<String> missing = commands.stream().filter(c -> !Files.isRegularFile(root.resolve("docs/api/" + c + ".md"))).toList();
        assertEquals(List.of(), missing, "commands without a page in docs/api/");
    }
}
