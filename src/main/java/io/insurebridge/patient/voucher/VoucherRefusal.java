package io.insurebridge.patient.voucher;

import io.insurebridge.settlement.policy.PolicyRefusal;

/** An e-voucher the node does not accept; the text goes to err_msg (and from there to the HIS's ACK / FHIR). */
public class VoucherRefusal extends PolicyRefusal {
    public VoucherRefusal(String reason) {
        super("E-voucher refused: " + reason);
    }
}
