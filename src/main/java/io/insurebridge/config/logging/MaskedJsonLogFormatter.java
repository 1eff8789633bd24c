package io.insurebridge.config.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log line (profile json-logs): ECS-like field names, the message and stack trace masked like the
 * plain lines (PersonalDataMasker), and the MDC (messageId, controlId, msgid) as top-level fields.
 */
public class MaskedJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ThrowableProxyConverter throwables = new ThrowableProxyConverter();

    public MaskedJsonLogFormatter() {
        throwables.start();
    }

    @Override
    public String format(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("log.level", event.getLevel().toString());
        line.put("log.logger", event.getLoggerName());
        line.put("process.thread.name", event.getThreadName());
        line.putAll(event.getMDCPropertyMap());
        line.put("message", PersonalDataMasker.mask(event.getFormattedMessage()));
        if (event.getThrowableProxy() != null) {
            line.put("error.stack_trace", PersonalDataMasker.mask(throwables.convert(event)));
        }
        try {
            return JSON.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            return "{\"message\":\"unloggable line\"}\n";
        }
    }
}
