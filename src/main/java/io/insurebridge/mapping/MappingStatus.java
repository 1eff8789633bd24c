package io.insurebridge.mapping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mapping version in force and the outcome of the last load attempt (GET /api/mappings). */
public record MappingStatus(String directory, String checksum, Instant loadedAt, Map<String, Integer> counts,
                            List<MappingFile> files, MappingLoadError lastError, Instant lastAttemptAt) {

    static Map<String, Integer> counts(MappingSnapshot s) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("catalog", s.catalog().size());
        counts.put("crosswalk", s.crosswalk().values().stream().mapToInt(Map::size).sum());
        counts.put("diagnoses", s.diagnoses().size());
        counts.put("diagnosisCrosswalk", s.diagnosisCrosswalk().size());
        counts.put("institutions", s.institutions().size());
        counts.put("pharmacies", s.pharmacies().size());
        counts.put("doctors", s.doctors().size());
        counts.put("chronicDiseases", s.chronicDiseases().size());
        counts.put("areas", s.areas().size());
        counts.put("persons", s.persons().size());
        counts.put("budgets", s.budgets().size());
        counts.put("policies", s.policies().size());
        return counts;
    }
}
