package io.insurebridge.settlement.tx;

import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.settlement.policy.PolicyRefusal;

/** The envelope's divisions, when given, must agree with the institution (care place) and the person (insured place). */
final class AreaCheck {
    private AreaCheck() {}

    static void careArea(PlatformRequest envelope, Institution institution) {
        String care = envelope.mdtrtarea_admvs();
        if (care != null && !care.isBlank() && !care.equals(institution.admdvs())) {
            throw new PolicyRefusal("mdtrtarea_admvs " + care + " is not the area of institution "
                    + institution.code() + " (" + institution.admdvs() + ")");
        }
    }

    static void insuredPlace(PlatformRequest envelope, InsuredPerson person) {
        String insured = envelope.insuplc_admdvs();
        if (insured != null && !insured.isBlank() && !insured.equals(person.insuplcAdmdvs())) {
            throw new PolicyRefusal("insuplc_admdvs " + insured + " is not the insured place of person "
                    + person.psnNo() + " (" + person.insuplcAdmdvs() + ", see 1101 insuinfo)");
        }
    }
}
