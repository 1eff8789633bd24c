package io.insurebridge.mapping;

import java.time.Instant;

/** One file of a loaded mapping version: what was read, how big, when last modified, how many data rows. */
public record MappingFile(String name, long size, Instant lastModified, int rows, String sha256) {}
