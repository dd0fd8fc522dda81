package dev.kakapo.server.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kea's JSON dialect: standard JSON plus {@code //}, {@code /* *}{@code /} and {@code #}
 * comments and trailing commas, with duplicate keys refused as Kea refuses them. Records where
 * every value starts so that later checks can point at the line and column.
 */
public final class KeaJsonReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * Parses {@code text}.
     *
     * @param source the file name, for messages
     * @throws ConfigException for broken JSON or a duplicate key, with line and column
     */
    public JsonDocument read(String text, String source) throws ConfigException {
        Map<String, SourceLocation> locations = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw error("", SourceLocation.START, "the file is empty; expected a JSON map with a Dhcp4 entry");
            }
            JsonNode root = readValue(parser, "", locations);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw error("", at(parser.currentTokenLocation()), "unexpected text after the end of the configuration");
            }
            return new JsonDocument(root, source, Map.copyOf(locations));
        } catch (JsonParseException e) {
            throw error("", at(e.getLocation()), "JSON syntax error: " + readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw error("", SourceLocation.START, "cannot read the configuration: " + e.getMessage());
        }
    }

    private JsonNode readValue(JsonParser parser, String path, Map<String, SourceLocation> locations) throws IOException, ConfigException {
        locations.put(path, at(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                Map<String, SourceLocation> seen = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    SourceLocation keyLocation = at(parser.currentTokenLocation());
                    SourceLocation previous = seen.putIfAbsent(key, keyLocation);
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (previous != null) {
                        throw error(childPath, keyLocation, "duplicate key '" + key + "' (first at " + previous + ")");
                    }
                    parser.nextToken();
                    object.set(key, readValue(parser, childPath, locations));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, path + "[" + index++ + "]", locations));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return nodes.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw error(path, at(parser.currentTokenLocation()), "unexpected " + token);
        }
    }

    /** Jackson's message without its source dump, positions given as line and column. */
    static String readable(String message) {
        String firstLine = message.lines().findFirst().orElse(message);
        return firstLine.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replace("(start marker at line", "(opened at line");
    }

    private static SourceLocation at(JsonLocation location) {
        return location == null ? SourceLocation.START
                : new SourceLocation(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static ConfigException error(String path, SourceLocation location, String message) {
        return new ConfigException(List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, path, location, message)));
    }
}
