package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The supervision rules file (insurebridge.fanout.supervision-rules, default rules/supervision.yaml), re-read when
 * it changes. A missing file means no rules; a bad file fails with "file: rule n: why" and keeps the last good rules.
 */
@Component
public class SupervisionRules {
    private static final Logger log = LoggerFactory.getLogger(SupervisionRules.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private volatile List<SupervisionRule> rules = List.of();
    private volatile FileTime loadedVersion;

    public SupervisionRules(FanoutProperties properties) {
        this.file = properties.supervisionRules();
        rules = Files.exists(file) ? parse(file) : List.of();
        loadedVersion = version();
    }

    public List<SupervisionRule> current() {
        FileTime now = version();
        if (now != null && !now.equals(loadedVersion)) {
            try {
                rules = parse(file);
                log.info("Supervision rules reloaded from {}: {} rules", file, rules.size());
            } catch (IllegalArgumentException | UncheckedIOException e) {
                log.error("Supervision rules {} not reloaded, the previous rules stay: {}", file, e.getMessage());
            }
            loadedVersion = now;
        } else if (now == null) {
            rules = List.of();
            loadedVersion = null;
        }
        return rules;
    }

    private FileTime version() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static List<SupervisionRule> parse(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        List<SupervisionRule> out = new ArrayList<>();
        if (root == null || root.path("rules").isMissingNode()) {
            return out;
        }
        int n = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode r : root.path("rules")) {
            n++;
            String where = file + ": rule " + n;
            String id = text(r, "id");
            String type = text(r, "type");
            String action = r.path("action").asText(SupervisionRule.WARN);
            if (id == null || !ids.add(id)) {
                throw new IllegalArgumentException(where + ": 'id' is required and unique");
            }
            if (!SupervisionRule.TYPES.contains(type)) {
                throw new IllegalArgumentException(where + ": 'type' must be one of " + SupervisionRule.TYPES);
            }
            if (!SupervisionRule.WARN.equals(action) && !SupervisionRule.REJECT.equals(action)) {
                throw new IllegalArgumentException(where + ": 'action' must be warn or reject");
            }
            Set<String> codes = new LinkedHashSet<>();
            r.path("codes").forEach(c -> codes.add(c.asText()));
            SupervisionRule rule = new SupervisionRule(id, type, action, text(r, "description"), Set.copyOf(codes),
                    r.has("max-quantity") ? new BigDecimal(r.get("max-quantity").asText()) : null,
                    text(r, "gender"), r.has("min-age") ? r.get("min-age").asInt() : null,
                    r.has("max-age") ? r.get("max-age").asInt() : null, r.has("days") ? r.get("days").asInt() : null);
            requireParameters(rule, where);
            out.add(rule);
        }
        return List.copyOf(out);
    }

    private static void requireParameters(SupervisionRule r, String where) {
        String missing = switch (r.type()) {
            case SupervisionRule.QUANTITY_LIMIT -> r.maxQuantity() == null ? "max-quantity" : null;
            case SupervisionRule.GENDER -> r.gender() == null || r.codes().isEmpty() ? "gender and codes" : null;
            case SupervisionRule.AGE -> (r.minAge() == null && r.maxAge() == null) || r.codes().isEmpty()
                    ? "min-age or max-age, and codes" : null;
            case SupervisionRule.DUPLICATE_PRESCRIPTION -> r.days() == null ? "days" : null;
            default -> null;
        };
        if (missing != null) {
            throw new IllegalArgumentException(where + " (" + r.id() + "): " + r.type() + " needs " + missing);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
