package io.insurebridge.settlement;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Thrown (rolling the request's transaction back, nothing stored) when the answer depends on a peer node that has
 * not answered yet; the request is waiting durably on its way there. The node waits outside the transaction and
 * runs the request again once the answer is in; if it does not come in time the caller gets a "pending" failure
 * that is not stored, so asking again with the same msgid gets the real answer later.
 */
public class AwaitingRemote extends RuntimeException {
    private final transient CompletableFuture<?> answered;
    private final Duration wait;

    public AwaitingRemote(String message, CompletableFuture<?> answered, Duration wait) {
        super(message, null, false, false);
        this.answered = answered;
        this.wait = wait;
    }

    /** Waits for the peer's answer; true when it arrived. */
    public boolean await() {
        try {
            answered.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }
}
