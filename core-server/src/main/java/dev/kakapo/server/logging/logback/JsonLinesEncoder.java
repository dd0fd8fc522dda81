package dev.kakapo.server.logging.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per line, for log shippers: {@code time} (ISO-8601, UTC), {@code level},
 * {@code logger}, {@code thread}, {@code id} (the message id, such as {@code DHCP4_LEASE_ALLOC},
 * when the line starts with one), {@code message} (the rest) and {@code error} (a stack trace).
 */
public final class JsonLinesEncoder extends EncoderBase<ILoggingEvent> {

    private static final Pattern MESSAGE_ID = Pattern.compile("([A-Z][A-Z0-9]*_[A-Z0-9_]+)(?: (.*))?", Pattern.DOTALL);
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            String message = event.getFormattedMessage();
            Matcher m = MESSAGE_ID.matcher(message == null ? "" : message);
            if (m.matches()) {
                json.writeStringField("id", m.group(1));
                json.writeStringField("message", m.group(2) == null ? "" : m.group(2));
            } else {
                json.writeStringField("message", message);
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("error", ThrowableProxyUtil.asString(error));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
