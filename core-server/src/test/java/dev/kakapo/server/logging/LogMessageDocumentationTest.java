package dev.kakapo.server.logging;

import dev.kakapo.server.testing.KakapoProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every log line of the product starts with a message id, and docs/log-messages.md describes each id. */
class LogMessageDocumentationTest {

    private static final Pattern CALL = Pattern.compile("(LOG|getLogger\\([^)]*\\))\\.(trace|debug|info|warn|error)\\(\"([^\"]*)");
    private static final Pattern ID = Pattern.compile("^([A-Z][A-Z0-9]*_[A-Z0-9_]*)");

    @Test
    void everyLogLineHasADocumentedMessageId() throws IOException {
        Path root = KakapoProcess.projectRoot();
        assertNotNull(root, "run by Maven, which names the project root");
        String catalogue = Files.readString(root.resolve("docs/log-messages.md"));
        List<String> withoutId = new ArrayList<>();
        TreeSet<String> undocumented = new TreeSet<>();
        for (String module : List.of("core-server", "hooks/ha", "hooks/lease-cmds")) {
            try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher call = CALL.matcher(Files.readString(source));
                    while (call.find()) {
                        Matcher id = ID.matcher(call.group(3));
                        if (!id.find()) {
                            withoutId.add(source.getFileName() + ": \"" + call.group(3) + "\"");
                        } else if (!catalogue.contains("`" + id.group(1))) {
                            undocumented.add(id.group(1));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), withoutId, "log lines without a message id");
        assertEquals(List.of(), List.copyOf(undocumented), "message ids missing from docs/log-messages.md");
    }
}
