package io.insurebridge.settlement;

/** Thrown (rolling back) when, once the person is locked, the msgid turns out to have been answered meanwhile. */
public class AlreadyAnswered extends RuntimeException {
    private final String response;

    public AlreadyAnswered(String response) {
        super(null, null, false, false);
        this.response = response;
    }

    public String response() {
        return response;
    }
}
