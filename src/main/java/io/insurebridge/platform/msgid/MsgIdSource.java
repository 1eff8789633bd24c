package io.insurebridge.platform.msgid;

/** Hands out national msgids: institution code (12) + yyyyMMddHHmmss (14) + sequence (4), never twice. */
@FunctionalInterface
public interface MsgIdSource {
    String next(String institutionCode);
}
