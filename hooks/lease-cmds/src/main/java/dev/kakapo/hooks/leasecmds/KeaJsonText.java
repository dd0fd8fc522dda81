package dev.kakapo.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON written the way Kea writes it into its messages: {@code { "a": 1, "b": [ 1, 2 ] }}, map
 * keys sorted, spaces inside brackets, so that texts quoting a value read as Kea's do.
 */
final class KeaJsonText {

    private KeaJsonText() {
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), field.getValue());
            }
            out.append("{ ");
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                out.append(first ? "" : ", ").append(new TextNode(field.getKey())).append(": ");
                write(field.getValue(), out);
                first = false;
            }
            out.append(" }");
        } else if (node.isArray()) {
            out.append("[ ");
            boolean first = true;
            for (JsonNode element : node) {
                out.append(first ? "" : ", ");
                write(element, out);
                first = false;
            }
            out.append(" ]");
        } else {
            out.append(node);
        }
    }
}
