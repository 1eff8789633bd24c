package io.insurebridge.settlement.policy;

import io.insurebridge.mapping.Doctor;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;

/** The gates of policy.md that need no state: each refuses with a message a cashier understands. */
public final class Gates {
    public static final String FRAUD_SUSPENDED = "FRAUD_SUSPENDED";

    private Gates() {}

    public static void person(InsuredPerson person) {
        if (!"1".equals(person.insuStatus())) {
            throw new PolicyRefusal("Person " + person.psnNo() + " is not insured normally (psn_insu_stas="
                    + person.insuStatus() + "): no insurance settlement");
        }
        if (FRAUD_SUSPENDED.equals(person.suspension())) {
            throw new PolicyRefusal("Person " + person.psnNo()
                    + " is under a fraud suspension: no direct insurance settlement");
        }
    }

    public static void institution(Institution institution, boolean internetVisit) {
        if (!institution.agreementActive()) {
            throw new PolicyRefusal("Institution " + institution.code() + " has no active designation agreement ("
                    + institution.agreement() + "): no insurance settlement");
        }
        if (internetVisit && !institution.internetAgreementActive()) {
            throw new PolicyRefusal("Institution " + institution.code()
                    + " has no active Internet+ supplementary agreement: no Internet+ insurance settlement");
        }
    }

    /** The doctor must be an agreement doctor of this institution with points left. */
    public static void doctor(Doctor doctor, String doctorCode, String institutionCode) {
        if (doctor == null) {
            throw new PolicyRefusal("Doctor " + doctorCode + " is not an insurance-agreement doctor");
        }
        if (!doctor.institutionCode().equals(institutionCode)) {
            throw new PolicyRefusal("Doctor " + doctorCode + " is not an insurance-agreement doctor of institution "
                    + institutionCode);
        }
        if (doctor.pointsLeft() <= 0) {
            throw new PolicyRefusal("Doctor " + doctorCode
                    + " has no agreement points left: the doctor's insurance service is suspended");
        }
    }

    /** med_type 14 needs a qualification whose diagnosis prefix covers the main diagnosis. */
    public static void chronicQualification(InsuredPerson person, String mainDiagnosis) {
        if (mainDiagnosis == null || mainDiagnosis.isBlank()) {
            throw new PolicyRefusal("Chronic/special disease visit (med_type 14) needs a main diagnosis (2203)");
        }
        boolean qualified = person.chronicQualifications().values().stream()
                .anyMatch(prefix -> mainDiagnosis.startsWith(prefix));
        if (!qualified) {
            throw new PolicyRefusal("Person " + person.psnNo()
                    + " has no chronic/special disease qualification for diagnosis " + mainDiagnosis
                    + " (med_type 14)");
        }
    }
}
