package io.insurebridge.mapping;

import java.util.List;

/** A loaded snapshot together with the files it was built from. */
public record LoadedMappings(MappingSnapshot snapshot, List<MappingFile> files) {}
