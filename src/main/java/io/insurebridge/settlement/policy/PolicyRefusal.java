package io.insurebridge.settlement.policy;

/** A business refusal: the message is meant for the cashier (err_msg of an infcode -1 answer). */
public class PolicyRefusal extends RuntimeException {
    public PolicyRefusal(String cashierMessage) {
        super(cashierMessage);
    }
}
