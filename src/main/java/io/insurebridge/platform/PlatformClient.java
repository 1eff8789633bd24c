package io.insurebridge.platform;

/**
 * Sends one envelope to the national platform (or a settlement node speaking its interface) and waits for the answer.
 * A refusal (infcode -1) is a normal answer here; callers decide what it means.
 */
public interface PlatformClient {

    /** @throws PlatformTimeoutException when no answer came in time (the request may still be processed later) */
    PlatformResponse call(PlatformRequest request);
}
