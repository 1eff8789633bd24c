package io.insurebridge.patient.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * insurebridge.patient.identity.*: which attested identity checks a registration must carry.
 *
 * @param requireFaceCheck   an Internet+ registration needs a passed FACE claim (the patient's face matched)
 * @param requireDoctorCheck an Internet+ registration needs a passed DOCTOR_FACE_POSITION claim ("face + position")
 * @param offlineToo         apply the requirements to offline registrations as well
 */
@ConfigurationProperties(prefix = "insurebridge.patient.identity")
public record IdentityProperties(Boolean requireFaceCheck, Boolean requireDoctorCheck, Boolean offlineToo) {
    public IdentityProperties {
        requireFaceCheck = requireFaceCheck != null && requireFaceCheck;
        requireDoctorCheck = requireDoctorCheck != null && requireDoctorCheck;
        offlineToo = offlineToo != null && offlineToo;
    }
}
