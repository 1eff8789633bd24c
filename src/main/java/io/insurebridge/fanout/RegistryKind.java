package io.insurebridge.fanout;

import java.util.Arrays;
import java.util.Optional;

/** What the registry API manages; path names as in /api/registry/{path}/{code}. */
public enum RegistryKind {
    INSTITUTION("institutions"), INTERNET_AGREEMENT("internet-agreements"), PHARMACY("pharmacies"),
    DOCTOR("doctors");

    private final String path;

    RegistryKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<RegistryKind> ofPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
