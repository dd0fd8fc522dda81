package dev.kakapo.server.dhcp;

import dev.kakapo.api.options.OptionDefinition;
import dev.kakapo.api.options.StandardOptionDefinitions;
import dev.kakapo.server.config.OptionDataConfig;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The top-level options one scope (global, shared network, subnet, pool, reservation) configures,
 * by code, with the sub-options of the spaces they encapsulate already packed in (options 43 and
 * 82 carry sub-options configured in their own spaces).
 */
final class OptionScope {

    static final OptionScope EMPTY = new OptionScope(List.of());

    private final OptionDataConfig[] byCode = new OptionDataConfig[256];
    private final byte[][] payloads = new byte[256][];
    private final int[] codes;

    OptionScope(List<OptionDataConfig> options) {
        for (OptionDataConfig option : options) {
            if (!StandardOptionDefinitions.DHCP4_SPACE.equals(option.space())) {
                continue;
            }
            byCode[option.code()] = option;
            payloads[option.code()] = withSubOptions(option, options);
        }
        this.codes = IntStream.range(1, 255).filter(c -> byCode[c] != null).toArray();
    }

    /** The codes this scope configures, ascending. */
    int[] codes() {
        return codes;
    }

    /** The configured option with this code, or null. */
    OptionDataConfig get(int code) {
        return byCode[code];
    }

    /** The value the option carries on the wire, sub-options included. */
    byte[] payload(int code) {
        return payloads[code];
    }

    private static byte[] withSubOptions(OptionDataConfig option, List<OptionDataConfig> all) {
        String space = StandardOptionDefinitions.byCode(StandardOptionDefinitions.DHCP4_SPACE, option.code())
                .map(OptionDefinition::encapsulate).orElse("");
        byte[] own = option.data();
        if (space.isEmpty()) {
            return own;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(own);
        for (OptionDataConfig sub : all) {
            if (space.equals(sub.space())) {
                byte[] data = sub.data();
                out.write(sub.code());
                out.write(data.length);
                out.writeBytes(data);
            }
        }
        return out.toByteArray();
    }
}
