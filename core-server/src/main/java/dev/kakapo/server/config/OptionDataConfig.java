package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.net.HexBytes;

import java.util.List;

/**
 * One {@code option-data} entry, already turned into wire bytes.
 *
 * @param code          the option code
 * @param name          the option's name, or empty when it has no definition
 * @param space         the option space ({@code dhcp4} for top-level options)
 * @param data          the option's value as it goes on the wire
 * @param alwaysSend    {@code always-send}: send even when the client did not ask
 * @param neverSend     {@code never-send}: never send, even when asked
 * @param clientClasses {@code client-classes}: send only to clients of these classes (Kea 3); empty for all
 * @param userContext   the entry's {@code user-context}, or null
 */
public record OptionDataConfig(int code, String name, String space, byte[] data, boolean alwaysSend, boolean neverSend,
                               List<String> clientClasses, JsonNode userContext) {

    /** Copies the value and the list. */
    public OptionDataConfig {
        data = data.clone();
        clientClasses = List.copyOf(clientClasses);
    }

    /** A copy of the option's value. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public String toString() {
        return space + "." + (name.isEmpty() ? String.valueOf(code) : name) + "=" + HexBytes.toHex(data);
    }
}
