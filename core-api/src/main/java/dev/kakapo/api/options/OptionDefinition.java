package dev.kakapo.api.options;

import java.util.List;

/**
 * How an option's value is laid out: Kea's standard definitions and the {@code option-def}
 * entries of a configuration both become one of these.
 *
 * @param name        the option's name, unique in its space (for example {@code routers})
 * @param code        the option code, 1 to 254
 * @param space       the option space: {@code dhcp4} for top-level options, or the space a container encapsulates
 * @param type        the data type
 * @param array       whether the value repeats (for a record: whether its last field repeats)
 * @param recordTypes the field types of a {@link OptionDataType#RECORD}, empty otherwise
 * @param encapsulate the option space of the sub-options this option carries, empty when none
 */
public record OptionDefinition(String name, int code, String space, OptionDataType type, boolean array,
                               List<OptionDataType> recordTypes, String encapsulate) {

    /** Checks the definition is consistent. */
    public OptionDefinition {
        if (code < 1 || code > 254) {
            throw new IllegalArgumentException("option code " + code + " is not between 1 and 254");
        }
        recordTypes = List.copyOf(recordTypes);
        if ((type == OptionDataType.RECORD) != !recordTypes.isEmpty()) {
            throw new IllegalArgumentException("record-types must be given exactly for a record option");
        }
    }

    /** A definition of a single value or an array of one type, in a space, encapsulating nothing. */
    public static OptionDefinition of(String name, int code, String space, OptionDataType type, boolean array) {
        return new OptionDefinition(name, code, space, type, array, List.of(), "");
    }
}
