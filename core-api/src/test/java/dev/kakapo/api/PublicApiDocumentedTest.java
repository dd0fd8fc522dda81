package dev.kakapo.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * core-api is a public SDK: every public type, constructor, method, field and enum constant has
 * a Javadoc comment saying what it is for. Overrides inherit theirs. Reads the sources, so a
 * gap fails the build with the file and line.
 */
class PublicApiDocumentedTest {

    private static final Pattern PUBLIC_DECLARATION = Pattern.compile("^\\s*(public|protected)\\s.*");
    private static final Pattern INTERFACE_MEMBER = Pattern.compile("^\\s+(default\\s+|static\\s+)?[\\w<>\\[\\], ?.]+\\s+\\w+\\s*(\\(.*|=.*;)$");
    private static final Pattern ENUM_CONSTANT = Pattern.compile("^\\s+[A-Z][A-Z0-9_]*(\\(.*\\))?\\s*[,;]?\\s*(//.*)?$");

    @Test
    void everyPublicMemberSaysWhatItIsFor() throws IOException {
        List<String> gaps = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                gaps.addAll(undocumented(file));
            }
        }
        assertTrue(gaps.isEmpty(), "undocumented public API:\n" + String.join("\n", gaps));
    }

    private static List<String> undocumented(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> gaps = new ArrayList<>();
        boolean isInterface = lines.stream().anyMatch(l -> l.matches("^public\\s+(sealed\\s+)?interface\\s.*"));
        boolean isEnum = lines.stream().anyMatch(l -> l.matches("^public\\s+enum\\s.*"));
        int depth = 0;
        boolean inComment = false;
        boolean documented = false;
        boolean override = false;
        boolean enumConstantsDone = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (inComment) {
                if (trimmed.endsWith("*/")) {
                    inComment = false;
                }
                continue;
            }
            if (trimmed.startsWith("/**")) {
                documented = true;
                inComment = !trimmed.endsWith("*/");
                continue;
            }
            if (trimmed.startsWith("/*") || trimmed.startsWith("//") || trimmed.isEmpty()) {
                if (trimmed.startsWith("/*") && !trimmed.endsWith("*/")) {
                    inComment = true;
                }
                continue;
            }
            if (trimmed.startsWith("@")) {
                override |= trimmed.startsWith("@Override");
                continue;
            }
            boolean needsDoc = PUBLIC_DECLARATION.matcher(line).matches()
                    || isInterface && depth == 1 && INTERFACE_MEMBER.matcher(line).matches() && !trimmed.startsWith("return")
                    || isEnum && depth == 1 && !enumConstantsDone && ENUM_CONSTANT.matcher(line).matches();
            if (needsDoc && !documented && !override) {
                gaps.add(file + ":" + (i + 1) + ": " + trimmed);
            }
            if (isEnum && depth == 1 && trimmed.endsWith(";")) {
                enumConstantsDone = true;
            }
            documented = false;
            override = false;
            depth += count(line, '{') - count(line, '}');
        }
        return gaps;
    }

    private static int count(String line, char c) {
        int quoted = line.indexOf('"');
        String code = quoted >= 0 ? line.substring(0, quoted) : line;
        return (int) code.chars().filter(ch -> ch == c).count();
    }
}
