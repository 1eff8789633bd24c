package io.insurebridge.settlement;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * One or more national transactions the node answers. {@link #execute} runs inside the request's database
 * transaction; a {@link io.insurebridge.settlement.policy.PolicyRefusal} rolls it back and becomes err_msg.
 */
public interface NodeTransaction {
    Set<String> infnos();

    Outcome execute(NodeCall call);

    /** The output object and an optional warn_msg. */
    record Outcome(ObjectNode output, String warning) {
        public static Outcome of(ObjectNode output) {
            return new Outcome(output, null);
        }
    }
}
