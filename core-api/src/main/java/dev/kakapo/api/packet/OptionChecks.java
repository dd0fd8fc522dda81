package dev.kakapo.api.packet;

/**
 * The checks a decoded packet must pass for the options the server interprets, so that the
 * rest of the server can trust their lengths. Options it only forwards are left as they came.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    static DecodeResult check(DhcpOptions options) {
        String problem = fixedLength(options, OptionCode.MESSAGE_TYPE, 1);
        if (problem == null) {
            problem = fixedLength(options, OptionCode.REQUESTED_ADDRESS, 4);
        }
        if (problem == null) {
            problem = fixedLength(options, OptionCode.SERVER_IDENTIFIER, 4);
        }
        if (problem == null) {
            problem = fixedLength(options, OptionCode.LEASE_TIME, 4);
        }
        if (problem == null) {
            problem = fixedLength(options, OptionCode.RENEWAL_TIME, 4);
        }
        if (problem == null) {
            problem = fixedLength(options, OptionCode.REBINDING_TIME, 4);
        }
        if (problem == null) {
            problem = fixedLength(options, OptionCode.MAX_MESSAGE_SIZE, 2);
        }
        if (problem == null) {
            problem = fixedLength(options, OptionCode.SUBNET_SELECTION, 4);
        }
        if (problem == null && options.contains(OptionCode.CLIENT_IDENTIFIER)
                && options.length(OptionCode.CLIENT_IDENTIFIER) < 2) {
            problem = "option 61 (client identifier) needs at least 2 bytes (RFC 2132 section 9.14), got "
                    + options.length(OptionCode.CLIENT_IDENTIFIER);
        }
        if (problem == null && options.contains(OptionCode.CLIENT_FQDN)
                && ClientFqdn.decode(options.raw(OptionCode.CLIENT_FQDN)).isEmpty()) {
            problem = "option 81 (client FQDN) is malformed (RFC 4702)";
        }
        if (problem == null && options.contains(OptionCode.RELAY_AGENT_INFORMATION)
                && RelayAgentInformation.decode(options.raw(OptionCode.RELAY_AGENT_INFORMATION)).isEmpty()) {
            problem = "option 82 (relay agent information) has a sub-option running past its end (RFC 3046)";
        }
        return problem == null ? null : DecodeResult.failure(DecodeFailure.BAD_OPTION_VALUE, DhcpCodec.OPTIONS_OFFSET, problem);
    }

    private static String fixedLength(DhcpOptions options, int code, int length) {
        int actual = options.length(code);
        return actual < 0 || actual == length ? null
                : "option " + code + " must have " + length + (length == 1 ? " byte" : " bytes") + ", got " + actual;
    }
}
