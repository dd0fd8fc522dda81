package dev.kakapo.hooks.ha;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The heartbeat's {@code date-time}: RFC 1123 with a two-digit day, which Kea 2.2 insists on
 * (the JDK's RFC_1123_DATE_TIME writes "1 Nov", which Kea refuses).
 */
final class Rfc1123 {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private Rfc1123() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The instant, or null when the text is not an RFC 1123 date. */
    static Instant parse(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
