package io.insurebridge.security.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.insurebridge.config.logging.PersonalDataMasker;
import io.insurebridge.mapping.FhirSystems;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The masked view of an API answer: ID numbers, vouchers and card numbers, names, phone numbers, addresses. Works
 * on the JSON tree of the answer and inside the texts it carries: raw HL7 messages and ACKs by field position,
 * raw FHIR / national JSON by element, any other text with the log masker (config/logging).
 */
public final class PersonalDataView {

    /** Platform and API field names that hold a person's name, ID / certificate number or phone. */
    private static final Set<String> NAME_FIELDS = Set.of("psn_name", "patientName", "patient_name", "insuredName",
            "insured_name", "psnName");
    private static final Set<String> ID_FIELDS = Set.of("certno", "mdtrt_cert_no", "psn_cert_no", "idCard",
            "id_card", "card_sn", "certNo", "cardNo", "evoucher", "voucher");
    private static final Set<String> PHONE_FIELDS = Set.of("tel", "phone", "mobile", "telephone", "psn_tel");
    private static final Set<String> ADDRESS_FIELDS = Set.of("addr", "address", "live_addr");
    /** FHIR identifier systems of a person (psn_no is the platform's pseudonym and stays readable). */
    private static final Set<String> PERSONAL_SYSTEMS = Set.of(FhirSystems.RESIDENT_ID, FhirSystems.EVOUCHER,
            FhirSystems.SS_CARD);
    /** FHIR references to the patient whose display may be a name. */
    private static final Set<String> PERSON_REFERENCES = Set.of("patient", "subject", "beneficiary");

    private final ObjectMapper json;

    public PersonalDataView(ObjectMapper json) {
        this.json = json;
    }

    /** The masked copy of any answer body (records, maps, lists, texts). */
    public Object mask(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof CharSequence text) {
            return text(text.toString());
        }
        JsonNode tree = json.valueToTree(body);
        return node(tree, null);
    }

    /** A text: an HL7 message, a JSON document, or free text. */
    public String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (Hl7Masking.looksLikeHl7(value)) {
            return Hl7Masking.mask(value);
        }
        String t = value.stripLeading();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                JsonNode inner = json.readTree(value);
                if (inner != null && inner.isContainerNode()) {
                    return json.writeValueAsString(node(inner, null));
                }
            } catch (Exception notJson) {
                // plain text that starts with a brace
            }
        }
        if (t.startsWith("<")) {
            return xml(value);
        }
        return PersonalDataMasker.mask(value, true);
    }

    private JsonNode node(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("system") && o.has("value") && o.get("value").isTextual()
                    && PERSONAL_SYSTEMS.contains(o.get("system").asText())) {
                o.put("value", Masks.identifier(o.get("value").asText()));
            }
            if ("telecom".equals(field) && o.path("value").isTextual()) {
                o.put("value", Masks.phone(o.get("value").asText()));
            }
            if (is(PERSON_REFERENCES, field) && o.path("display").isTextual()) {
                o.put("display", PersonalDataMasker.name(o.get("display").asText()));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                e.setValue(child(e.getKey(), e.getValue(), o));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, child(field, a.get(i), null));
            }
            return a;
        }
        return node;
    }

    private JsonNode child(String field, JsonNode value, ObjectNode parent) {
        if (value.isTextual()) {
            String v = value.asText();
            if (is(NAME_FIELDS, field)) {
                return TextNode.valueOf(PersonalDataMasker.name(v));
            }
            if (is(ID_FIELDS, field)) {
                return TextNode.valueOf(Masks.identifier(v));
            }
            if (is(PHONE_FIELDS, field)) {
                return TextNode.valueOf(Masks.phone(v));
            }
            if (is(ADDRESS_FIELDS, field)) {
                return TextNode.valueOf(PersonalDataMasker.name(v));
            }
            if (parent != null && humanName(parent) && ("family".equals(field) || "text".equals(field))) {
                return TextNode.valueOf(PersonalDataMasker.name(v));
            }
            if ("given".equals(field)) {
                return TextNode.valueOf("*".repeat(v.codePointCount(0, v.length())));
            }
            return TextNode.valueOf(text(v));
        }
        if ("name".equals(field) && value.isArray()) {
            // a FHIR HumanName list (Patient.name, Practitioner.name is not a patient but is masked alike)
            for (JsonNode n : value) {
                if (n.isObject()) {
                    ((ObjectNode) n).put("_humanName", true);
                }
            }
            JsonNode masked = node(value, field);
            for (JsonNode n : masked) {
                if (n.isObject()) {
                    ((ObjectNode) n).remove("_humanName");
                }
            }
            return masked;
        }
        return node(value, field);
    }

    /** Set.of(...) refuses contains(null): top-level values and list items have no field name. */
    private static boolean is(Set<String> names, String field) {
        return field != null && names.contains(field);
    }

    private static boolean humanName(ObjectNode o) {
        return o.has("_humanName");
    }

    /** FHIR XML bodies: names and personal identifiers by element, without a DOM. */
    private static String xml(String value) {
        String s = value.replaceAll("(<(?:family|given) value=\")([^\"]*)(\")",
                "$1" + "\u0000" + "$2" + "\u0000" + "$3");
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\u0000([^\u0000]*)\u0000").matcher(s);
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(PersonalDataMasker.name(m.group(1))));
        }
        m.appendTail(out);
        return PersonalDataMasker.mask(out.toString(), true);
    }
}
