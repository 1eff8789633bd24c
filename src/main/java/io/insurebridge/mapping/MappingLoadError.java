package io.insurebridge.mapping;

import java.time.Instant;

/** Why the last load attempt failed: file, physical line, reason and the combined "file:line: reason". */
public record MappingLoadError(String file, int line, String reason, String message, Instant at) {
    static MappingLoadError of(MappingLoadException e, Instant at) {
        return new MappingLoadError(e.file(), e.line(), e.reason(), e.getMessage(), at);
    }
}
