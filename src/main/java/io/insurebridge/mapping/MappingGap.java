package io.insurebridge.mapping;

import java.time.Instant;
import java.util.List;

/** A local code that did not map, how often (distinct messages) and when, and the messages still held for it. */
public record MappingGap(long id, String institutionCode, UnmappedCode.Kind kind, String localCode, long occurrences,
                         Instant firstSeen, Instant lastSeen, List<Long> heldMessageIds) {}
