package io.insurebridge.patient.identity;

/**
 * One identity check the HIS attests for a visit (it ran the check; the middleware records and enforces it).
 *
 * @param type      FACE (patient's face matched the insured person) or DOCTOR_FACE_POSITION (the doctor's face and
 *                  position were checked for an Internet+ consultation)
 * @param result    PASS or FAIL
 * @param score     the matcher's similarity, as reported (optional)
 * @param checkedAt when the check ran, as reported (optional, yyyyMMddHHmmss)
 * @param attester  the device / service that ran it (optional)
 * @param location  where (doctor position: "lat,lng" or a place code; optional)
 */
public record IdentityClaim(String type, String result, String score, String checkedAt, String attester,
                            String location) {
    public static final String FACE = "FACE";
    public static final String DOCTOR_FACE_POSITION = "DOCTOR_FACE_POSITION";

    public boolean passed() {
        return "PASS".equalsIgnoreCase(result);
    }
}
