package dev.kakapo.server.control;

import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.RecordingLibraryHandle;
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
        RecordingLibraryHandle handle = new RecordingLibraryHandle(null);
        try {
            library.load(handle);
            library.unload();
        } catch (Exception e) {
            // A library that needs its parameters is checked by its own module's tests.
        }
        return new TreeSet<>(handle.commands().keySet());
    }
}
