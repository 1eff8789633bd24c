package io.insurebridge.mapping;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Format patterns of the national codes (insurebridge.mapping.formats.*). The defaults check what national-codes.md
 * says is certain (prefix, length, charset); a province tightens them in application.yml without a code change.
 */
@ConfigurationProperties(prefix = "insurebridge.mapping.formats")
public class CodeFormats {

    /** One diagnosis code: letter + 2 digits + '.' + up to 3 digits/x + optional 3-digit extension (x001 or 001). */
    private static final String ONE_DIAGNOSIS = "[A-Z][0-9]{2}\\.[0-9x]{1,3}(?:x?[0-9]{3})?";

    private String institution = "H[0-9]{6}[0-9]{5}";
    private String pharmacy = "P[0-9]{6}[0-9]{5}";
    private String doctor = "D[0-9]{6}[0-9]{6}";
    private String drug = "[XZ][A-Z0-9]{22}";
    /** Consumable codes start with C; the total length is {@link #consumableLength}. */
    private String consumable = "C[A-Z0-9]+";
    private int consumableLength = 20;
    private String serviceItem = "[0-9]{15}(?:-[A-Za-z0-9]+)?";
    /** A code, or a combination: etiology code + ('+' or dagger) + manifestation code + '*'. */
    private String diagnosis = ONE_DIAGNOSIS + "(?:[+\u2020]" + ONE_DIAGNOSIS + "\\*)?";
    private String operation = "[0-9]{2}\\.[0-9]{2,4}(?:x[0-9]{3})?";
    private String chronicDisease = "M[0-9]{5}";
    private String division = "[0-9]{6}";
    /** Shape only; the MOD 11-2 check digit is verified on top. */
    private String residentId = "[0-9]{17}[0-9X]";

    private volatile Map<CodeKind, Pattern> compiled;

    /** The documented defaults, for use outside Spring (tests, benchmark, tools). */
    public static CodeFormats defaults() {
        return new CodeFormats();
    }

    public boolean valid(CodeKind kind, String code) {
        if (code == null || code.isEmpty() || !patterns().get(kind).matcher(code).matches()) {
            return false;
        }
        return switch (kind) {
            case CONSUMABLE -> code.length() == consumableLength;
            case RESIDENT_ID -> ResidentIdCheck.valid(code);
            default -> true;
        };
    }

    /** Human-readable expectation for error messages. */
    public String describe(CodeKind kind) {
        String base = "pattern " + patterns().get(kind).pattern();
        return switch (kind) {
            case CONSUMABLE -> base + ", length " + consumableLength;
            case RESIDENT_ID -> base + " with ISO 7064 MOD 11-2 check character";
            default -> base;
        };
    }

    private Map<CodeKind, Pattern> patterns() {
        Map<CodeKind, Pattern> p = compiled;
        if (p == null) {
            p = new EnumMap<>(CodeKind.class);
            p.put(CodeKind.INSTITUTION, Pattern.compile(institution));
            p.put(CodeKind.PHARMACY, Pattern.compile(pharmacy));
            p.put(CodeKind.DOCTOR, Pattern.compile(doctor));
            p.put(CodeKind.DRUG, Pattern.compile(drug));
            p.put(CodeKind.CONSUMABLE, Pattern.compile(consumable));
            p.put(CodeKind.SERVICE_ITEM, Pattern.compile(serviceItem));
            p.put(CodeKind.DIAGNOSIS, Pattern.compile(diagnosis));
            p.put(CodeKind.OPERATION, Pattern.compile(operation));
            p.put(CodeKind.CHRONIC_DISEASE, Pattern.compile(chronicDisease));
            p.put(CodeKind.DIVISION, Pattern.compile(division));
            p.put(CodeKind.RESIDENT_ID, Pattern.compile(residentId));
            compiled = p;
        }
        return p;
    }

    private void changed() { compiled = null; }

    public String getInstitution() { return institution; }
    public void setInstitution(String v) { institution = v; changed(); }
    public String getPharmacy() { return pharmacy; }
    public void setPharmacy(String v) { pharmacy = v; changed(); }
    public String getDoctor() { return doctor; }
    public void setDoctor(String v) { doctor = v; changed(); }
    public String getDrug() { return drug; }
    public void setDrug(String v) { drug = v; changed(); }
    public String getConsumable() { return consumable; }
    public void setConsumable(String v) { consumable = v; changed(); }
    public int getConsumableLength() { return consumableLength; }
    public void setConsumableLength(int v) { consumableLength = v; }
    public String getServiceItem() { return serviceItem; }
    public void setServiceItem(String v) { serviceItem = v; changed(); }
    public String getDiagnosis() { return diagnosis; }
    public void setDiagnosis(String v) { diagnosis = v; changed(); }
    public String getOperation() { return operation; }
    public void setOperation(String v) { operation = v; changed(); }
    public String getChronicDisease() { return chronicDisease; }
    public void setChronicDisease(String v) { chronicDisease = v; changed(); }
    public String getDivision() { return division; }
    public void setDivision(String v) { division = v; changed(); }
    public String getResidentId() { return residentId; }
    public void setResidentId(String v) { residentId = v; changed(); }
}
