package dev.kakapo.server.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Draws a deployment as an SVG picture, in the manner of the seed article's diagram: a box per
 * server (its file and the names and roles it has), a solid line in each relationship's colour
 * between the two serving partners, labelled with the mode and the subnets, and dotted lines in
 * the same colour to the relationship's backup servers.
 */
final class TopologySvg {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"};
    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    private static final int BOX_WIDTH = 210;
    private static final int LINE_HEIGHT = 16;

    private TopologySvg() {
    }

    /** One relationship, drawn once however many files declare it. */
    private record Drawn(ServerFile.Relationship relationship, List<String> subnets, String colour) {
    }

    static String draw(List<ServerFile> servers) {
        Map<String, ServerFile> byName = new HashMap<>();
        servers.forEach(s -> s.relationships().forEach(r -> byName.put(r.self(), s)));
        Map<String, Drawn> relationships = new LinkedHashMap<>();
        for (ServerFile server : servers) {
            for (ServerFile.Relationship r : server.relationships()) {
                String key = r.peers().stream().map(ServerFile.Peer::name).sorted().collect(Collectors.joining(","));
                if (!relationships.containsKey(key)) {
                    List<String> subnets = server.subnetsOf(r).stream().map(s -> s.id() + " " + s.prefix()).toList();
                    relationships.put(key, new Drawn(r, subnets, COLOURS[relationships.size() % COLOURS.length]));
                }
            }
        }
        Map<ServerFile, int[]> centres = new LinkedHashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / servers.size();
            centres.put(servers.get(i), new int[] {(int) (WIDTH / 2 + 330 * Math.cos(angle)),
                    (int) (HEIGHT / 2 + 215 * Math.sin(angle))});
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("  <title>HA relationships of ").append(servers.size()).append(" servers</title>\n")
                .append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        int index = 0;
        for (Drawn d : relationships.values()) {
            drawRelationship(svg, d, byName, centres, index++);
        }
        for (Map.Entry<ServerFile, int[]> entry : centres.entrySet()) {
            drawServer(svg, entry.getKey(), entry.getValue(), relationships);
        }
        drawLegend(svg, relationships);
        return svg.append("</svg>\n").toString();
    }

    private static void drawRelationship(StringBuilder svg, Drawn d, Map<String, ServerFile> byName,
                                         Map<ServerFile, int[]> centres, int index) {
        List<int[]> serving = new ArrayList<>();
        List<int[]> backups = new ArrayList<>();
        for (ServerFile.Peer peer : d.relationship().peers()) {
            ServerFile host = byName.get(peer.name());
            if (host != null) {
                (peer.role().equals("backup") ? backups : serving).add(centres.get(host));
            }
        }
        int offset = (index % 3 - 1) * 6; // relationships between the same two servers stay apart
        if (serving.size() == 2) {
            int[] a = serving.get(0);
            int[] b = serving.get(1);
            svg.append("  <line x1=\"").append(a[0] + offset).append("\" y1=\"").append(a[1] + offset).append("\" x2=\"")
                    .append(b[0] + offset).append("\" y2=\"").append(b[1] + offset).append("\" stroke=\"").append(d.colour())
                    .append("\" stroke-width=\"4\"/>\n");
            int mx = (a[0] + b[0]) / 2 + offset;
            int my = (a[1] + b[1]) / 2 + offset;
            svg.append("  <text x=\"").append(mx).append("\" y=\"").append(my - 6).append("\" text-anchor=\"middle\" fill=\"")
                    .append(d.colour()).append("\" font-weight=\"bold\">").append(escape(d.relationship().mode()))
                    .append("</text>\n");
            svg.append("  <text x=\"").append(mx).append("\" y=\"").append(my + 10).append("\" text-anchor=\"middle\" fill=\"")
                    .append(d.colour()).append("\">").append(escape(String.join(", ", d.subnets()))).append("</text>\n");
        }
        for (int[] backup : backups) {
            for (int[] partner : serving) {
                svg.append("  <line x1=\"").append(backup[0] + offset).append("\" y1=\"").append(backup[1] + offset)
                        .append("\" x2=\"").append(partner[0] + offset).append("\" y2=\"").append(partner[1] + offset)
                        .append("\" stroke=\"").append(d.colour()).append("\" stroke-width=\"2\" stroke-dasharray=\"4 4\"/>\n");
            }
        }
    }

    private static void drawServer(StringBuilder svg, ServerFile server, int[] centre, Map<String, Drawn> relationships) {
        List<String[]> lines = new ArrayList<>();
        for (ServerFile.Relationship r : server.relationships()) {
            ServerFile.Peer self = r.peer(r.self());
            String colour = relationships.values().stream().filter(d -> d.relationship().peer(r.self()) != null)
                    .map(Drawn::colour).findFirst().orElse("black");
            lines.add(new String[] {r.self() + (self == null ? "" : " · " + self.role()), colour});
        }
        int height = 28 + LINE_HEIGHT * lines.size();
        int x = centre[0] - BOX_WIDTH / 2;
        int y = centre[1] - height / 2;
        svg.append("  <g>\n    <rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_WIDTH)
                .append("\" height=\"").append(height).append("\" rx=\"8\" fill=\"#f7f7f7\" stroke=\"#333\"/>\n");
        svg.append("    <text x=\"").append(centre[0]).append("\" y=\"").append(y + 18).append("\" text-anchor=\"middle\"")
                .append(" font-weight=\"bold\">").append(escape(server.file().getFileName().toString())).append("</text>\n");
        for (int i = 0; i < lines.size(); i++) {
            svg.append("    <text x=\"").append(centre[0]).append("\" y=\"").append(y + 34 + LINE_HEIGHT * i)
                    .append("\" text-anchor=\"middle\" fill=\"").append(lines.get(i)[1]).append("\">")
                    .append(escape(lines.get(i)[0])).append("</text>\n");
        }
        svg.append("  </g>\n");
    }

    private static void drawLegend(StringBuilder svg, Map<String, Drawn> relationships) {
        int y = HEIGHT - 14 - 16 * relationships.size();
        svg.append("  <text x=\"12\" y=\"").append(y).append("\" fill=\"#333\">solid: serving partners;"
                + " dotted: backup servers</text>\n");
        int i = 1;
        for (Drawn d : relationships.values()) {
            svg.append("  <text x=\"12\" y=\"").append(y + 16 * i++).append("\" fill=\"").append(d.colour()).append("\">")
                    .append(escape(d.relationship().peers().stream().map(p -> p.name() + " " + p.role())
                            .collect(Collectors.joining(", ")))).append("</text>\n");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
