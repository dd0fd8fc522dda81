package dev.kakapo.server.config;

import dev.kakapo.api.options.OptionDataType;
import dev.kakapo.api.options.OptionDefinition;
import dev.kakapo.api.options.StandardOptionDefinitions;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code option-def} entries into the catalog, refusing what Kea refuses. */
final class OptionDefParser {

    private OptionDefParser() {
    }

    static void readAll(MapReader parent, String key, OptionCatalog catalog) {
        parent.mapList(key, r -> {
            OptionDefinition def = read(r, catalog);
            if (def != null) {
                catalog.add(def);
            }
            return def;
        });
    }

    private static OptionDefinition read(MapReader r, OptionCatalog catalog) {
        String name = r.requiredString("name");
        Long code = r.has("code") ? r.integer("code", 1, 254) : null;
        if (!r.has("code")) {
            r.requiredString("code");
        }
        String typeName = r.requiredString("type");
        String recordTypes = r.string("record-types");
        String space = r.string("space");
        String encapsulate = r.string("encapsulate");
        Boolean array = r.bool("array");
        r.userContext();
        r.skip("comment", "metadata");
        r.finish();
        if (name == null || code == null || typeName == null) {
            return null;
        }
        space = space == null ? StandardOptionDefinitions.DHCP4_SPACE : space;
        if (!OptionCatalog.isValidName(name)) {
            r.error("name", "invalid option name '" + name + "'");
            return null;
        }
        if (!OptionCatalog.isValidName(space)) {
            r.error("space", "invalid option space name '" + space + "'");
            return null;
        }
        OptionDataType type = OptionDataType.fromKeaName(typeName).orElse(null);
        if (type == null) {
            r.error("type", "'" + typeName + "' is not an option data type");
            return null;
        }
        List<OptionDataType> fields = new ArrayList<>();
        if (type == OptionDataType.RECORD) {
            if (recordTypes == null || recordTypes.isBlank()) {
                r.error("record-types", "a record option needs record-types");
                return null;
            }
            for (String field : recordTypes.split(",")) {
                OptionDataType fieldType = OptionDataType.fromKeaName(field).orElse(null);
                if (fieldType == null || fieldType == OptionDataType.RECORD || fieldType == OptionDataType.EMPTY) {
                    r.error("record-types", "'" + field.trim() + "' cannot be a record field type");
                    return null;
                }
                fields.add(fieldType);
            }
        } else if (recordTypes != null && !recordTypes.isBlank()) {
            r.error("record-types", "record-types is only for options of type record");
            return null;
        }
        boolean isArray = array != null && array;
        String encapsulated = encapsulate == null ? "" : encapsulate;
        if (!encapsulated.isEmpty() && isArray) {
            r.error("encapsulate", "an option that encapsulates a space cannot be an array");
            return null;
        }
        if (StandardOptionDefinitions.DHCP4_SPACE.equals(space)
                && StandardOptionDefinitions.byCode(space, code.intValue()).isPresent()
                && !StandardOptionDefinitions.isLaterAddition(code.intValue())) {
            r.error("code", "unable to override definition of option '" + code + "' in standard option space '" + space + "'");
            return null;
        }
        String finalSpace = space;
        if (catalog.custom().stream().anyMatch(d -> d.space().equals(finalSpace) && d.name().equals(name))) {
            r.error("name", "option definition with name '" + name + "' already exists in option space '" + space + "'");
            return null;
        }
        if (catalog.custom().stream().anyMatch(d -> d.space().equals(finalSpace) && d.code() == code)) {
            r.error("code", "option definition with code '" + code + "' already exists in option space '" + space + "'");
            return null;
        }
        return new OptionDefinition(name, code.intValue(), space, type, isArray, fields, encapsulated);
    }
}
