package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.policy.PolicyRefusal;

/** 2201 data.exp_content is a JSON string (or object) holding "inet_flag":"1" for an Internet+ visit. */
public final class InternetFlag {
    private InternetFlag() {}

    public static boolean of(JsonNode expContent) {
        if (expContent == null || expContent.isNull()) {
            return false;
        }
        JsonNode content = expContent;
        if (expContent.isTextual()) {
            String text = expContent.asText().trim();
            if (text.isEmpty()) {
                return false;
            }
            try {
                content = NodeJson.MAPPER.readTree(text);
            } catch (Exception e) {
                throw new PolicyRefusal("data.exp_content is not a JSON object string: " + text);
            }
        }
        JsonNode flag = content.get("inet_flag");
        return flag != null && "1".equals(flag.asText());
    }
}
