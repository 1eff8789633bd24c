package io.insurebridge.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.insurebridge.mapping.AreaPolicy.Assistance;
import io.insurebridge.mapping.AreaPolicy.CriticalIllness;
import io.insurebridge.mapping.AreaPolicy.InsutypePolicy;
import io.insurebridge.mapping.AreaPolicy.Layer;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads mappings/policy.yaml (areas -> admdvs -> insutype layers, assistance, ...) into AreaPolicy records. */
final class PolicyYamlReader {
    static final List<String> INSUTYPES = List.of("310", "320", "330", "340", "370", "390", "392", "510");
    /** Decimals exactly as written: 0.70 stays 0.70, never a binary double. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final String file;
    private final String text;
    private final CodeFormats formats;

    PolicyYamlReader(String file, String text, CodeFormats formats) {
        this.file = file;
        this.text = text;
        this.formats = formats;
    }

    Map<String, AreaPolicy> read() {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new MappingLoadException(file, line, "invalid YAML: " + e.getOriginalMessage());
        }
        JsonNode areas = root == null ? null : root.get("areas");
        if (areas == null || !areas.isObject()) {
            throw new MappingLoadException(file, 1, "missing top-level 'areas' map");
        }
        Map<String, AreaPolicy> policies = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = areas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> area = it.next();
            policies.put(area.getKey(), area(area.getKey(), area.getValue()));
        }
        return policies;
    }

    private AreaPolicy area(String admdvs, JsonNode node) {
        int line = lineOf(admdvs, 1);
        if (!formats.valid(CodeKind.DIVISION, admdvs)) {
            throw new MappingLoadException(file, line, "area '" + admdvs + "' is not a 6-digit division code");
        }
        if (node == null || !node.isObject()) {
            throw new MappingLoadException(file, line, "area " + admdvs + " must map insutypes to their layers");
        }
        Map<String, InsutypePolicy> byInsutype = new LinkedHashMap<>();
        Assistance assistance = null;
        BigDecimal unfiled = BigDecimal.ZERO;
        int followUpDays = 180;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            int keyLine = lineOf(key, line);
            JsonNode v = e.getValue();
            switch (key) {
                case "assistance" -> assistance = new Assistance(text(v, "identity", keyLine),
                        ratio(v, "ratio", keyLine), money(v, "cap", keyLine));
                case "unfiled_ratio_reduction" -> unfiled = ratioValue(v, key, keyLine);
                case "follow_up_days" -> {
                    if (!v.canConvertToInt() || v.asInt() < 0) {
                        throw new MappingLoadException(file, keyLine, "follow_up_days must be a whole number >= 0");
                    }
                    followUpDays = v.asInt();
                }
                default -> {
                    if (!INSUTYPES.contains(key)) {
                        throw new MappingLoadException(file, keyLine, "unknown key '" + key + "' in area " + admdvs
                                + " (expected an insutype " + INSUTYPES + ", assistance, unfiled_ratio_reduction"
                                + " or follow_up_days)");
                    }
                    byInsutype.put(key, insutype(v, keyLine));
                }
            }
        }
        return new AreaPolicy(admdvs, Map.copyOf(byInsutype), assistance, unfiled, followUpDays);
    }

    private InsutypePolicy insutype(JsonNode node, int line) {
        if (node == null || !node.isObject()) {
            throw new MappingLoadException(file, line, "an insutype must hold outpatient (and chronic) layers");
        }
        Layer outpatient = layer(node.get("outpatient"), "outpatient", line);
        Layer chronic = node.has("chronic") ? layer(node.get("chronic"), "chronic", line) : null;
        CriticalIllness critical = null;
        JsonNode ci = node.get("critical_illness");
        if (ci != null) {
            int ciLine = lineOf("critical_illness", line);
            critical = new CriticalIllness(money(ci, "threshold", ciLine), ratio(ci, "ratio", ciLine));
        }
        return new InsutypePolicy(outpatient, chronic, critical);
    }

    private Layer layer(JsonNode node, String name, int line) {
        int layerLine = lineOf(name, line);
        if (node == null || !node.isObject()) {
            throw new MappingLoadException(file, layerLine, "missing '" + name + "' layer");
        }
        JsonNode ratios = node.get("ratio");
        if (ratios == null || !ratios.isObject() || ratios.isEmpty()) {
            throw new MappingLoadException(file, layerLine, name + ".ratio must map institution level -> ratio");
        }
        Map<String, BigDecimal> byLevel = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ratios.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byLevel.put(e.getKey(), ratioValue(e.getValue(), name + ".ratio." + e.getKey(), layerLine));
        }
        return new Layer(money(node, "deductible", layerLine), Map.copyOf(byLevel), money(node, "cap", layerLine));
    }

    private String text(JsonNode node, String key, int line) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.asText().isBlank()) {
            throw new MappingLoadException(file, line, "missing '" + key + "'");
        }
        return v.asText();
    }

    private BigDecimal money(JsonNode node, String key, int line) {
        BigDecimal d = number(node, key, line);
        if (d.signum() < 0) {
            throw new MappingLoadException(file, line, key + " must not be negative");
        }
        return d;
    }

    private BigDecimal ratio(JsonNode node, String key, int line) {
        return ratioValue(node == null ? null : node.get(key), key, line);
    }

    private BigDecimal ratioValue(JsonNode v, String key, int line) {
        BigDecimal d = asDecimal(v, key, line);
        if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0) {
            throw new MappingLoadException(file, line, key + " " + d.toPlainString() + " is outside [0, 1]");
        }
        return d;
    }

    private BigDecimal number(JsonNode node, String key, int line) {
        return asDecimal(node == null ? null : node.get(key), key, line);
    }

    private BigDecimal asDecimal(JsonNode v, String key, int line) {
        if (v == null || v.isNull()) {
            throw new MappingLoadException(file, line, "missing '" + key + "'");
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw new MappingLoadException(file, line, key + " '" + v.asText() + "' is not a number");
        }
    }

    /** Line (1-based) of the first line at or after fromLine that declares the key; fromLine if not found. */
    private int lineOf(String key, int fromLine) {
        String[] lines = text.split("\n", -1);
        for (int i = Math.max(0, fromLine - 1); i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(key + ":") || l.startsWith("\"" + key + "\":") || l.startsWith("'" + key + "':")
                    || l.contains(" " + key + ":") || l.contains("{" + key + ":")) {
                return i + 1;
            }
        }
        return fromLine;
    }
}
