package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.Institution;
import io.insurebridge.model.Prescription;
import io.insurebridge.platform.PlatformFormats;
import io.insurebridge.platform.PlatformJson;

import java.security.PublicKey;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The common payload every pharmacy connector receives (docs/circulation.md): {@code rx} (the prescription with
 * the platform's numbers), {@code cainfo} = Base64(SM3withSM2 over the canonical bytes of rx), {@code signtype}
 * "SM2" and {@code sign_key_id}, the signer's public key id.
 */
public final class SignedPrescription {

    private SignedPrescription() {}

    public static ObjectNode build(Prescription rx, Institution institution, String hiRxno, String traceCode,
                                   LocalDateTime validUntil, SigningKeys keys) {
        ObjectNode body = PlatformJson.object();
        body.put("hi_rxno", hiRxno);
        body.put("rx_trace_code", traceCode);
        body.put("hosp_rxno", rx.hospRxNo());
        body.put("rx_type_code", rx.rxTypeCode() == null ? "" : rx.rxTypeCode());
        body.put("prsc_time", PlatformFormats.dateTime(rx.prescribedAt()));
        body.put("valid_days", rx.validDays());
        body.put("valid_end_time", PlatformFormats.dateTime(validUntil));
        ObjectNode inst = body.putObject("institution");
        inst.put("fixmedins_code", institution.code());
        inst.put("fixmedins_name", institution.name());
        ObjectNode doctor = body.putObject("doctor");
        doctor.put("dr_code", rx.doctorCode());
        doctor.put("dr_name", rx.doctorName() == null ? "" : rx.doctorName());
        // the patient by insurance numbers only: names and ID numbers do not travel to every pharmacy
        ObjectNode patient = body.putObject("patient");
        patient.put("psn_no", rx.person() == null || rx.person().psnNo() == null ? "" : rx.person().psnNo());
        patient.put("mdtrt_id", rx.mdtrtId() == null ? "" : rx.mdtrtId());
        patient.put("ipt_otp_no", rx.visitNo() == null ? "" : rx.visitNo());
        body.set("diagnoses", PrescriptionInputs.diagnoses(rx));
        body.set("drugs", PrescriptionInputs.drugs(rx));
        body.put("chosen_phar_code", rx.pharmacyCode() == null ? "" : rx.pharmacyCode());
        return sign(body, keys);
    }

    public static ObjectNode sign(ObjectNode body, SigningKeys keys) {
        ObjectNode payload = PlatformJson.object();
        payload.set("rx", body);
        payload.put("cainfo", Sm2Crypto.sign(keys.privateKey(), CanonicalJson.bytes(body)));
        payload.put("signtype", Sm2Crypto.SIGN_TYPE);
        payload.put("sign_key_id", keys.keyId());
        return payload;
    }

    /** Verifies a received payload; the result names the reason when it does not verify. */
    public static Verification verify(String json, SigningKeys trusted) {
        JsonNode payload;
        try {
            payload = PlatformJson.MAPPER.readTree(json);
        } catch (Exception e) {
            return Verification.refused(null, "payload is not JSON");
        }
        JsonNode rx = payload.get("rx");
        String hiRxno = rx != null && rx.hasNonNull("hi_rxno") ? rx.get("hi_rxno").asText() : null;
        if (rx == null || !rx.isObject()) {
            return Verification.refused(hiRxno, "payload has no rx object");
        }
        if (!Sm2Crypto.SIGN_TYPE.equals(payload.path("signtype").asText())) {
            return Verification.refused(hiRxno, "signtype '" + payload.path("signtype").asText() + "' is not SM2");
        }
        String keyId = payload.path("sign_key_id").asText(null);
        Optional<PublicKey> key = trusted.trusted(keyId);
        if (key.isEmpty()) {
            return Verification.refused(hiRxno, "signer key " + keyId + " is not trusted");
        }
        if (!Sm2Crypto.verify(key.get(), CanonicalJson.bytes(rx), payload.path("cainfo").asText(""))) {
            return Verification.refused(hiRxno, "SM2 signature does not verify: the prescription was altered or forged");
        }
        return new Verification(true, hiRxno, null, (ObjectNode) rx);
    }

    public record Verification(boolean valid, String hiRxno, String reason, ObjectNode rx) {
        static Verification refused(String hiRxno, String reason) {
            return new Verification(false, hiRxno, reason, null);
        }
    }
}
