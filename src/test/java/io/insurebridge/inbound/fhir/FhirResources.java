package io.insurebridge.inbound.fhir;

import java.util.ArrayList;
import java.util.List;

/** Real-looking FHIR R4 request resources of the demo world, written as a HIS would send them. */
public final class FhirResources {

    static final String SID = "https://insurebridge.io/fhir/sid/";
    static final String CS = "https://insurebridge.io/fhir/CodeSystem/";
    static final String LOCAL = CS + "local-item/H33010000001";

    private FhirResources() {}

    public record Item(String code, String display, String quantity, String unitPrice, String net) {}

    /** The five lines of the HL7 end-to-end visit (OutpatientSettlementEndToEndTest), by local code. */
    public static List<Item> demoItems() {
        return List.of(new Item("ZL1001", "普通门诊诊查费", "1", "10.00", "10.00"),
                new Item("YP0001", "苯磺酸氨氯地平片", "2", "28.50", "57.00"),
                new Item("JY2001", "血常规", "1", "20.00", "20.00"),
                new Item("YP0007", "止咳糖浆", "1", "15.00", "15.00"),
                new Item("JC3001", "CT", "1", "220.00", "220.00"));
    }

    public static String patient(String system, String value, String name) {
        String id = value == null ? "" : """
                "identifier": {"system": "%s", "value": "%s"},""".formatted(SID + system, value);
        return """
                {%s "display": "%s"}""".formatted(id, name);
    }

    public static String claim(String identifier, String use, String patient, String visitNo, String encounterClass,
                        List<Item> items) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            lines.add("""
                    {"sequence": %d,
                     "productOrService": {"coding": [{"system": "%s", "code": "%s", "display": "%s"}]},
                     "quantity": {"value": %s},
                     "unitPrice": {"value": %s, "currency": "CNY"},
                     "net": {"value": %s, "currency": "CNY"},
                     "encounter": [{"reference": "#enc"}]}""".formatted(i + 1, LOCAL, it.code(), it.display(),
                    it.quantity(), it.unitPrice(), it.net()));
        }
        return """
                {"resourceType": "Claim",
                 "contained": [{"resourceType": "Encounter", "id": "enc", "status": "finished",
                   "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "%s"},
                   "identifier": [{"system": "%svisit-number", "value": "%s"}],
                   "serviceType": {"coding": [{"system": "%sdepartment", "code": "NEI", "display": "内科"}]},
                   "participant": [{"individual": {"identifier": {"system": "%sdoctor", "value": "D330100000001"},
                                                   "display": "王医生"}}],
                   "period": {"start": "2026-11-30T10:00:00+08:00"}}],
                 "extension": [{"url": "https://insurebridge.io/fhir/StructureDefinition/acct-used", "valueBoolean": true}],
                 "identifier": [{"system": "https://his.h33010000001.example/claim", "value": "%s"}],
                 "status": "active",
                 "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}]},
                 "subType": {"coding": [{"system": "%smed-type", "code": "11"}]},
                 "use": "%s",
                 "patient": %s,
                 "created": "2026-11-30T10:10:00+08:00",
                 "provider": {"identifier": {"system": "%sinstitution", "value": "H33010000001"}},
                 "priority": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/processpriority", "code": "normal"}]},
                 "insurance": [{"sequence": 1, "focal": true, "coverage": {"display": "basic medical insurance"}}],
                 "diagnosis": [{"sequence": 1,
                   "diagnosisCodeableConcept": {"coding": [{"system": "%sdiagnosis", "code": "I10.x00x002", "display": "原发性高血压"}]},
                   "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/ex-diagnosistype", "code": "principal"}]}]}],
                 "item": [%s]}
                """.formatted(encounterClass, SID, visitNo, CS, SID, identifier, CS, use, patient, SID, CS,
                String.join(",\n", lines));
    }

    static String eligibility(String identifier, String patient) {
        return """
                {"resourceType": "CoverageEligibilityRequest",
                 "identifier": [{"system": "https://his.h33010000001.example/eligibility", "value": "%s"}],
                 "status": "active",
                 "purpose": ["validation", "benefits"],
                 "patient": %s,
                 "created": "2026-11-30T09:00:00+08:00",
                 "provider": {"identifier": {"system": "%sinstitution", "value": "H33010000001"}},
                 "insurer": {"display": "national medical insurance platform"}}
                """.formatted(identifier, patient, SID);
    }

    static String eligibilityXml(String identifier, String certno) {
        return """
                <CoverageEligibilityRequest xmlns="http://hl7.org/fhir">
                  <identifier><system value="https://his.h33010000001.example/eligibility"/><value value="%s"/></identifier>
                  <status value="active"/>
                  <purpose value="validation"/>
                  <patient><identifier><system value="%sresident-id"/><value value="%s"/></identifier></patient>
                  <created value="2026-11-30T09:00:00+08:00"/>
                  <insurer><display value="national medical insurance platform"/></insurer>
                  <provider><identifier><system value="%sinstitution"/><value value="H33010000001"/></identifier></provider>
                </CoverageEligibilityRequest>
                """.formatted(identifier, SID, certno, SID);
    }

    public static String medicationRequest(String rxNo, String drugCode) {
        return """
                {"resourceType": "MedicationRequest",
                 "contained": [{"resourceType": "Encounter", "id": "enc", "status": "finished",
                   "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
                   "identifier": [{"system": "%svisit-number", "value": "V-RX-1"}],
                   "serviceProvider": {"identifier": {"system": "%sinstitution", "value": "H33010000001"}}}],
                 "status": "active", "intent": "order",
                 "groupIdentifier": {"system": "https://his.h33010000001.example/rx", "value": "%s"},
                 "medicationCodeableConcept": {"coding": [{"system": "%s", "code": "%s", "display": "苯磺酸氨氯地平片"}]},
                 "subject": {"identifier": {"system": "%sevoucher", "value": "EV330100000003"}, "display": "王芳"},
                 "encounter": {"reference": "#enc"},
                 "authoredOn": "2026-11-30T10:20:00+08:00",
                 "requester": {"identifier": {"system": "%sdoctor", "value": "D330100000001"}, "display": "王医生"},
                 "reasonCode": [{"coding": [{"system": "%sdiagnosis", "code": "I10.x00"}]}],
                 "dosageInstruction": [{"timing": {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", "code": "QD"}]}},
                   "route": {"text": "oral"},
                   "doseAndRate": [{"doseQuantity": {"value": 5, "unit": "mg"}}]}],
                 "dispenseRequest": {"quantity": {"value": 2, "unit": "box"},
                   "expectedSupplyDuration": {"value": 28, "unit": "days", "system": "http://unitsofmeasure.org", "code": "d"},
                   "performer": {"identifier": {"system": "%spharmacy", "value": "P33010000001"}}}}
                """.formatted(SID, SID, rxNo, LOCAL, drugCode, SID, SID, CS, SID);
    }

    /** A message Bundle: MessageHeader (event) + the focus resources. */
    static String message(String bundleId, String event, List<String> focus) {
        List<String> entries = new ArrayList<>();
        StringBuilder refs = new StringBuilder();
        for (int i = 0; i < focus.size(); i++) {
            String url = "urn:uuid:00000000-0000-0000-0000-00000000000" + (i + 1);
            entries.add("{\"fullUrl\": \"" + url + "\", \"resource\": " + focus.get(i) + "}");
            refs.append(i == 0 ? "" : ",").append("{\"reference\": \"").append(url).append("\"}");
        }
        String header = """
                {"fullUrl": "urn:uuid:00000000-0000-0000-0000-000000000000",
                 "resource": {"resourceType": "MessageHeader", "id": "%s-h",
                   "eventCoding": {"system": "%smessage-event", "code": "%s"},
                   "source": {"endpoint": "https://his.h33010000001.example/fhir"},
                   "focus": [%s]}}""".formatted(bundleId, CS, event, refs);
        return """
                {"resourceType": "Bundle", "id": "%s", "type": "message",
                 "identifier": {"system": "https://his.h33010000001.example/message", "value": "%s"},
                 "timestamp": "2026-11-30T10:30:00+08:00",
                 "entry": [%s]}
                """.formatted(bundleId, bundleId, header + (entries.isEmpty() ? "" : ",\n" + String.join(",\n", entries)));
    }
}
