package io.insurebridge.mapping;

/**
 * Outcome of one reload attempt. changed = a new version is now in force (a successful load of identical files
 * keeps the old one); on failure the old version keeps serving and error says file:line why.
 */
public record ReloadResult(boolean success, boolean changed, MappingLoadError error, MappingStatus inForce) {}
