package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandHandler;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.Callout;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.hooks.SubnetInfo;
import dev.kakapo.api.lease.LeaseStore;
import dev.kakapo.server.hooks.HookLibraryCatalog;
import dev.kakapo.server.testing.KakapoProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every command the server and its bundled hook libraries register is described under docs/api/. */
class CommandDocumentationTest {

    @Test
    void everyRegisteredCommandHasItsPage() throws Exception {
        Path root = KakapoProcess.projectRoot();
        assertNotNull(root, "run by Maven, which says where the project is");
        Set<String> commands = new TreeSet<>(ServerCommands.NAMES);
        for (HookLibrary provider : HookLibraryCatalog.fromClassPath().providers()) {
            commands.addAll(commandsOf(provider.getClass().getConstructor().newInstance()));
        }
        List<String> missing = new ArrayList<>();
        for (String command : commands) {
            if (!Files.isRegularFile(root.resolve("docs/api/" + command + ".md"))) {
                missing.add(command);
            }
        }
        assertEquals(List.of(), missing, "commands without a page in docs/api/");
    }

    /** The commands a library registers when loaded without parameters (none when it needs some). */
    private static Set<String> commandsOf(HookLibrary library) {
        Set<String> names = new TreeSet<>();
        try {
            library.load(new LibraryHandle() {
                @Override
                public JsonNode parameters() {
                    return JsonNodeFactory.instance.objectNode();
                }

                @Override
                public JsonNode configuration() {
                    return JsonNodeFactory.instance.objectNode();
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
                public CommandAnswer execute(CommandRequest request) {
                    throw new UnsupportedOperationException("no server here");
                }

                @Override
                public boolean multiThreading() {
                    return true;
                }

                @Override
                public <C> void callout(HookPoint<C> point, Callout<? super C> callout) {
                }

                @Override
                public void command(String name, CommandHandler handler) {
                    names.add(name);
                }
            });
            library.unload();
        } catch (Exception e) {
            // A library that needs its parameters is checked by its own module's tests.
        }
        return names;
    }
}
