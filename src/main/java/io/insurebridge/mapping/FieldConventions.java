package io.insurebridge.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where each logical field is found in the HIS's HL7 v2 messages. Defaults follow docs/hl7-conventions.md; a
 * connector file's optional {@code conventions:} section overrides any key with another path (see {@link Hl7Path}).
 */
public record FieldConventions(Map<String, String> paths) {

    private static final Map<String, String> DEFAULTS = defaultPaths();

    public FieldConventions {
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
        for (Map.Entry<String, String> e : paths.entrySet()) {
            if (!DEFAULTS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown HL7 field convention '" + e.getKey() + "' (known: "
                        + new TreeSet<>(DEFAULTS.keySet()) + ")");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("HL7 field convention '" + e.getKey() + "' has no path");
            }
            try {
                Hl7Path.of(e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("HL7 field convention '" + e.getKey() + "': " + bad.getMessage());
            }
        }
    }

    public static FieldConventions defaults() {
        return new FieldConventions(DEFAULTS);
    }

    /** The defaults with a connector's overrides on top; unknown keys or bad paths are rejected with the key. */
    public static FieldConventions of(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        if (overrides != null) {
            overrides.forEach((k, v) -> {
                if (!DEFAULTS.containsKey(k)) {
                    throw new IllegalArgumentException("unknown HL7 field convention '" + k + "' (known: "
                            + new TreeSet<>(DEFAULTS.keySet()) + ")");
                }
                merged.put(k, v);
            });
        }
        return new FieldConventions(merged);
    }

    /** Every logical key with its default path, in documentation order. */
    public static Map<String, String> defaultPaths() {
        if (DEFAULTS != null) {
            return DEFAULTS;
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put("message.sendingApplication", "MSH-3-1");
        d.put("message.sendingFacility", "MSH-4-1");
        d.put("message.time", "MSH-7-1");
        d.put("message.controlId", "MSH-10");
        d.put("event.time", "EVN-2-1");
        d.put("operator.id", "EVN-5-1");
        d.put("operator.name", "EVN-5-2");

        d.put("patient.familyName", "PID-5-1");
        d.put("patient.givenName", "PID-5-2");
        d.put("patient.evoucher", "PID-3[EV]");
        d.put("patient.certno", "PID-3[ID]");
        d.put("patient.cardNo", "PID-3[SS]");
        d.put("patient.psnNo", "PID-3[PN]");

        d.put("insurance.certType", "ZIN-1");
        d.put("insurance.certNo", "ZIN-2");
        d.put("insurance.cardSn", "ZIN-3");
        d.put("insurance.settleMode", "ZIN-4");
        d.put("insurance.acctUsedFlag", "ZIN-5");
        d.put("insurance.medType", "ZIN-6");
        d.put("insurance.insutype", "ZIN-7");
        d.put("insurance.mdtrtId", "ZIN-8");
        d.put("insurance.setlId", "ZIN-9");
        d.put("insurance.chrgBchno", "ZIN-10");
        d.put("insurance.invoiceNo", "ZIN-11");
        d.put("insurance.internetFlag", "ZIN-12");

        d.put("visit.patientClass", "PV1-2");
        d.put("visit.number", "PV1-19-1");
        d.put("visit.deptCode", "PV1-3-1");
        d.put("visit.deptName", "PV1-3-9");
        d.put("visit.doctorCode", "PV1-7-1");
        d.put("visit.doctorName", "PV1-7-2");
        d.put("visit.admitTime", "PV1-44-1");

        d.put("diagnosis.seq", "DG1-1");
        d.put("diagnosis.code", "DG1-3-1");
        d.put("diagnosis.name", "DG1-3-2");
        d.put("diagnosis.type", "DG1-6");
        d.put("diagnosis.priority", "DG1-15");

        d.put("fee.seq", "FT1-1");
        d.put("fee.time", "FT1-4-1");
        d.put("fee.code", "FT1-7-1");
        d.put("fee.name", "FT1-7-2");
        d.put("fee.quantity", "FT1-10");
        d.put("fee.amount", "FT1-11-1");
        d.put("fee.unitPrice", "FT1-12-1");
        d.put("fee.deptCode", "FT1-13-1");
        d.put("fee.deptName", "FT1-13-2");
        d.put("fee.doctorCode", "FT1-21-1");
        d.put("fee.doctorName", "FT1-21-2");
        d.put("fee.rxNo", "FT1-23-1");

        d.put("rx.hospRxNo", "ORC-2-1");
        d.put("rx.time", "ORC-9-1");
        d.put("rx.doctorCode", "ORC-12-1");
        d.put("rx.doctorName", "ORC-12-2");
        d.put("rx.validDays", "ZIN-13");
        d.put("rx.pharmacy", "ZIN-14");
        d.put("rx.type", "ZIN-15");

        d.put("rxe.code", "RXE-2-1");
        d.put("rxe.name", "RXE-2-2");
        d.put("rxe.quantity", "RXE-10");
        d.put("rxe.unit", "RXE-11-1");
        d.put("rxe.doseAmount", "RXE-3");
        d.put("rxe.doseUnit", "RXE-5-1");
        d.put("rxe.frequency", "TQ1-3-1");
        d.put("rxe.days", "TQ1-6-1");
        d.put("rxe.route", "RXR-1-1");

        d.put("rxo.code", "RXO-1-1");
        d.put("rxo.name", "RXO-1-2");
        d.put("rxo.quantity", "RXO-11");
        d.put("rxo.unit", "RXO-12-1");
        d.put("rxo.doseAmount", "RXO-2");
        d.put("rxo.doseUnit", "RXO-4-1");
        d.put("rxo.frequency", "TQ1-3-1");
        d.put("rxo.days", "TQ1-6-1");
        d.put("rxo.route", "RXR-1-1");
        return Collections.unmodifiableMap(d);
    }

    /** The path of a key (always present: overrides sit on top of the defaults). */
    public String path(String key) {
        String p = paths.get(key);
        if (p == null) {
            p = DEFAULTS.get(key);
        }
        if (p == null) {
            throw new IllegalArgumentException("unknown HL7 field convention '" + key + "'");
        }
        return p;
    }
}
