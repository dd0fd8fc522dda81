package dev.kakapo.server.topology;

import dev.kakapo.server.hooks.HookLibraryCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed article's five configurations fit together; each kind of mismatch in a variant is reported where it is. */
class TopologyCheckTest {

    private static final List<String> SEED = List.of("kea-1", "kea-2", "kea-3", "kea-4", "kea-backup");

    @TempDir
    Path dir;

    private static String seed(String name) throws IOException {
        try (InputStream in = TopologyCheckTest.class.getResourceAsStream("/configs/seed/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The five files, with {@code edit} applied to the one named {@code changed}. */
    private List<Finding> check(String changed, java.util.function.UnaryOperator<String> edit) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String name : SEED) {
            Path file = dir.resolve(name + ".json");
            Files.writeString(file, name.equals(changed) ? edit.apply(seed(name)) : seed(name));
            files.add(file);
        }
        return TopologyCheck.of(files, HookLibraryCatalog.fromClassPath()).findings();
    }

    private static String messages(List<Finding> findings) {
        return findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void theSeedDeploymentFitsTogether() throws Exception {
        List<Finding> findings = check("", s -> s);
        assertEquals("", messages(findings));
        List<Path> files = new ArrayList<>();
        SEED.forEach(n -> files.add(dir.resolve(n + ".json")));
        String drawing = TopologyCheck.of(files, HookLibraryCatalog.fromClassPath()).drawing();
        assertEquals(3, drawing.split("hot-standby:").length - 1, drawing);
        assertTrue(drawing.contains("...server7 (backup"), drawing);
    }

    @Test
    void drawsTheDeploymentAsAnSvgPictureWithTheRelationshipsByColourAndBackupsDotted() throws Exception {
        check("", s -> s);
        List<Path> files = new ArrayList<>();
        SEED.forEach(n -> files.add(dir.resolve(n + ".json")));
        String svg = TopologyCheck.of(files, HookLibraryCatalog.fromClassPath()).svg();
        org.w3c.dom.Document picture = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", picture.getDocumentElement().getTagName());
        org.w3c.dom.NodeList lines = picture.getElementsByTagName("line");
        List<String> solid = new ArrayList<>();
        List<String> dotted = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            org.w3c.dom.Element line = (org.w3c.dom.Element) lines.item(i);
            (line.hasAttribute("stroke-dasharray") ? dotted : solid).add(line.getAttribute("stroke"));
        }
        assertEquals(3, solid.size(), "a line per relationship between its serving partners");
        assertEquals(3, new java.util.HashSet<>(solid).size(), "each in its own colour");
        assertEquals(6, dotted.size(), "the backup dotted to both partners of each relationship");
        assertEquals(new java.util.HashSet<>(solid), new java.util.HashSet<>(dotted), "backup lines in their relationship's colour");
        for (String name : SEED) {
            assertTrue(svg.contains(">" + name + ".json<"), name);
        }
        assertTrue(svg.contains("server5 · standby") && svg.contains("server3 · primary"), "Kea 3's two roles");
        assertTrue(svg.contains("2 172.29.0.0/24") && svg.contains("3 172.30.0.0/24"), "subnets by relationship");
    }

    @Test
    void reportsEachKindOfMismatchWhereItIs() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a peer's URL", messages(check("kea-2", s -> s.replace("http://172.28.0.253:8000/", "http://172.28.0.253:9000/"))));
        expected.put("a subnet's pools", messages(check("kea-1", s -> s.replace("172.28.0.2-172.28.0.219", "172.28.0.2-172.28.0.200"))));
        expected.put("a backup missing", messages(check("kea-2", s -> s.replaceAll(
                ",\\s*\\{\\s*\"name\": \"server7\",\\s*\"url\": \"[^\"]+\",\\s*\"role\": \"backup\"\\s*}", ""))));
        expected.put("a subnet of no relationship", messages(check("kea-1", s -> s.replace(
                "\"ha-server-name\": \"server2\"", "\"ha-server-name\": \"nobody\""))));
        // Within one file the HA library refuses it already; across files only the whole deployment shows it.
        expected.put("two relationships on one listener", messages(check("kea-4", s -> s.replace(
                "http://172.28.0.221:8002/", "http://172.28.0.220:8002/"))));
        assertTrue(expected.get("a peer's URL").contains("peer 'server2' is standby at http://172.28.0.253:9000/ here"),
                expected.get("a peer's URL"));
        assertTrue(expected.get("a subnet's pools").contains("kea-1.json: Dhcp4.subnet4[0]: subnet 1 is 172.28.0.0/24 with pools"),
                expected.get("a subnet's pools"));
        assertTrue(expected.get("a backup missing").contains("peer 'server7' is missing from server1's relationship"),
                expected.get("a backup missing"));
        assertTrue(expected.get("a subnet of no relationship").contains("belongs to no relationship ('nobody' is in none)"),
                expected.get("a subnet of no relationship"));
        assertTrue(expected.get("two relationships on one listener").contains(
                "the listener http://172.28.0.220:8002/ of server6 is already"),
                expected.get("two relationships on one listener"));
    }
}
