package io.insurebridge.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.settlement.policy.PolicyRefusal;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** One request being answered: the envelope, the mappings in force for it, when it arrived; input helpers. */
public record NodeCall(PlatformRequest request, MappingSnapshot mappings, OffsetDateTime receivedAt, ZoneId zone) {
    static final DateTimeFormatter PLATFORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String msgid() {
        return request.msgid();
    }

    public String infno() {
        return request.infno();
    }

    public ObjectNode input() {
        return request.input() == null ? NodeJson.object() : request.input();
    }

    /** input.data, or an empty object. */
    public JsonNode data() {
        return node("data");
    }

    public JsonNode node(String name) {
        JsonNode n = input().get(name);
        return n == null || n.isNull() ? NodeJson.object() : n;
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    public static String required(JsonNode node, String field, String where) {
        String v = text(node, field);
        if (v == null) {
            throw new PolicyRefusal("Missing " + where + "." + field);
        }
        return v;
    }

    public static BigDecimal decimal(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A platform time (yyyy-MM-dd HH:mm:ss) in the node's zone; when absent, the time the request arrived. */
    public OffsetDateTime time(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return receivedAt;
        }
        try {
            return LocalDateTime.parse(v, PLATFORM_TIME).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new PolicyRefusal(field + " '" + v + "' is not a time yyyy-MM-dd HH:mm:ss");
        }
    }

    public InsuredPerson person(String psnNo) {
        return mappings.person(psnNo).orElseThrow(() -> new PolicyRefusal("Unknown insured person psn_no " + psnNo));
    }

    public Institution institution(String code) {
        if (code == null) {
            throw new PolicyRefusal("Missing fixmedins_code in the envelope");
        }
        return mappings.institution(code).orElseThrow(
                () -> new PolicyRefusal("Institution " + code + " is not a designated medical institution"));
    }
}
