package io.insurebridge.model;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The one internal model both front doors (HL7 v2 and FHIR) translate into; everything after mapping reads this.
 *
 * @param visitNo    the HIS visit number (ipt_otp_no)
 * @param mdtrtId    the platform's visit id, once 2201 gave one (the HIS echoes it back on later messages)
 * @param internet   an Internet+ visit (2201 exp_content inet_flag "1")
 * @param chrgBchno  charge batch number of this fee upload
 * @param acctUsedFlag "1" to pay from the personal account
 * @param setlId     settlement id to cancel (SettleMode.CANCEL)
 */
public record Visit(String institutionCode, String visitNo, String mdtrtId, String medType, String insutype,
                    LocalDateTime begin, String deptCode, String deptName, String doctorCode, String doctorName,
                    boolean internet, PersonIdentity person, List<Diagnosis> diagnoses, List<FeeLine> fees,
                    SettleMode settleMode, String chrgBchno, String acctUsedFlag, String invoiceNo, String setlId,
                    Operator operator) {

    public Diagnosis mainDiagnosis() {
        return diagnoses.stream().filter(Diagnosis::main).findFirst()
                .orElse(diagnoses.isEmpty() ? null : diagnoses.get(0));
    }
}
