package io.insurebridge.platform.gateway;

/** The visit is not in a state that allows what the HIS asked (e.g. charging a cancelled registration). */
public class VisitStateException extends RuntimeException {
    public VisitStateException(String message) { super(message); }
}
