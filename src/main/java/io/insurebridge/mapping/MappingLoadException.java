package io.insurebridge.mapping;

/** A mapping file that cannot be loaded; the message is {@code file:line: reason} (header = line 1). */
public class MappingLoadException extends RuntimeException {
    private final String file;
    private final int line;
    private final String reason;

    public MappingLoadException(String file, int line, String reason) {
        this(file, line, reason, null);
    }

    public MappingLoadException(String file, int line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() { return file; }
    public int line() { return line; }
    public String reason() { return reason; }
}
