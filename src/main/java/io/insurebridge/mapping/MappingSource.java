package io.insurebridge.mapping;

/** Where readers get the mapping version in force; take it once per message and keep it for that message. */
@FunctionalInterface
public interface MappingSource {
    MappingSnapshot current();
}
