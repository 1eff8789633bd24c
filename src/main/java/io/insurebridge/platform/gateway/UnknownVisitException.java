package io.insurebridge.platform.gateway;

/** A charge or cancel for a visit this gateway never registered (or whose registration it cannot find). */
public class UnknownVisitException extends RuntimeException {
    public UnknownVisitException(String message) { super(message); }
}
