package io.insurebridge.settlement;

/**
 * An extension of the node that runs inside a request's database transaction (e.g. run-time registry gates,
 * supervision reject rules, the fan-out outbox). Whatever it writes commits or rolls back with the request.
 */
public interface NodeHook {
    /** Before the transaction's handler runs; a {@link io.insurebridge.settlement.policy.PolicyRefusal} refuses. */
    default void before(NodeCall call) {}

    /** The request succeeded and its answer was recorded (first time only: repeats never get here). */
    default void answered(NodeCall call, NodeTransaction.Outcome outcome) {}

    /** The request was refused and the refusal recorded (first time only). */
    default void refused(NodeCall call, String message) {}
}
