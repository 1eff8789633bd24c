package io.insurebridge.settlement;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Thrown (rolling the request's transaction back, nothing stored) when the answer depends on a peer node that has
 * not answered yet; the request is waiting durably on its way there. The node waits outside the transaction and
 * runs the request again once the answer is in; if it does not come in time the caller gets a "pending" failure
 * that is not stored, so asking again with the same msgid gets the real answer later.
 */
public class AwaitingRemote extends RuntimeException {
    private static final ThreadLocal<AwaitingRemote[]> DEFERRING = new ThreadLocal<>();

    private final transient CompletableFuture<?> answered;
    private final Duration wait;

    public AwaitingRemote(String message, CompletableFuture<?> answered, Duration wait) {
        super(message, null, false, false);
        this.answered = answered;
        this.wait = wait;
    }

    /**
     * A node request run by {@link #deferring}: its answer, or, when it waits for a peer, the "pending" answer with
     * the future of the peer's answer and how long the caller may wait for it.
     */
    public record Deferred(String answer, CompletableFuture<?> answered, Duration maxWait) {
        public boolean waiting() {
            return answered != null;
        }
    }

    /**
     * Runs a node request so that a wait for a peer node's answer does not hold this thread: instead of blocking,
     * the request answers "pending" at once and the future it would have waited for is returned with it. The caller
     * (e.g. an asynchronous queue consumer) runs the request again once the future completes, or answers the
     * "pending" after {@link Deferred#maxWait()}.
     */
    public static Deferred deferring(Supplier<String> request) {
        AwaitingRemote[] slot = new AwaitingRemote[1];
        DEFERRING.set(slot);
        try {
            String answer = request.get();
            AwaitingRemote awaiting = slot[0];
            return awaiting == null ? new Deferred(answer, null, null)
                    : new Deferred(answer, awaiting.answered, awaiting.wait);
        } finally {
            DEFERRING.remove();
        }
    }

    /** Waits for the peer's answer; true when it arrived (false at once when the caller defers the wait). */
    public boolean await() {
        AwaitingRemote[] deferring = DEFERRING.get();
        if (deferring != null && !answered.isDone()) {
            deferring[0] = this;
            return false;
        }
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
