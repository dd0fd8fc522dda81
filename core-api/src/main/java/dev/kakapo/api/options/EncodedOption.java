package dev.kakapo.api.options;

import java.util.List;

/**
 * The wire bytes of one option value made from configuration text, and what the conversion
 * left out (for example values past the first of a single-value option, which Kea ignores too).
 *
 * @param bytes    the option's value, without code and length
 * @param warnings sentences about text that did not reach the bytes; empty when all of it did
 */
public record EncodedOption(byte[] bytes, List<String> warnings) {

    /** Copies the parts. */
    public EncodedOption {
        bytes = bytes.clone();
        warnings = List.copyOf(warnings);
    }

    /** A copy of the option's value. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
