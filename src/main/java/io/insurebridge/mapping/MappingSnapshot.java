package io.insurebridge.mapping;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable, fully validated version of everything in mappings/. Readers take {@code current()} once per
 * message and use that snapshot throughout, so a hot reload never shows them half a table.
 */
public record MappingSnapshot(
        Map<String, CatalogItem> catalog,                    // national code -> item
        Map<String, Map<String, CrosswalkEntry>> crosswalk,  // institution -> local code -> entry
        Map<String, String> diagnosisCrosswalk,              // clinical code -> insurance code
        Map<String, DiagnosisCode> diagnoses,
        Map<String, Institution> institutions,
        Map<String, Pharmacy> pharmacies,
        Map<String, Doctor> doctors,
        Map<String, ChronicDisease> chronicDiseases,
        Map<String, Area> areas,
        Map<String, InsuredPerson> persons,                  // psn_no -> person
        Map<String, Budget> budgets,                         // institution code -> budget of the year
        Map<String, AreaPolicy> policies,                    // admdvs -> policy
        Instant loadedAt,
        String checksum) {

    public Optional<CatalogItem> catalogItem(String nationalCode) {
        return Optional.ofNullable(catalog.get(nationalCode));
    }

    /** Resolves a hospital's local item code; an already-national code that is in the catalog passes as itself. */
    public Optional<CatalogItem> resolveItem(String institutionCode, String code) {
        Map<String, CrosswalkEntry> forInstitution = crosswalk.getOrDefault(institutionCode, Map.of());
        CrosswalkEntry entry = forInstitution.get(code);
        if (entry != null) {
            return catalogItem(entry.nationalCode());
        }
        return catalogItem(code);
    }

    /** Resolves a clinical-edition diagnosis code; an insurance-edition code passes as itself. */
    public Optional<DiagnosisCode> resolveDiagnosis(String code) {
        String insurance = diagnosisCrosswalk.getOrDefault(code, code);
        return Optional.ofNullable(diagnoses.get(insurance));
    }

    public Optional<Institution> institution(String code) { return Optional.ofNullable(institutions.get(code)); }
    public Optional<Doctor> doctor(String code) { return Optional.ofNullable(doctors.get(code)); }
    public Optional<Pharmacy> pharmacy(String code) { return Optional.ofNullable(pharmacies.get(code)); }
    public Optional<AreaPolicy> policy(String admdvs) { return Optional.ofNullable(policies.get(admdvs)); }
    public Optional<InsuredPerson> person(String psnNo) { return Optional.ofNullable(persons.get(psnNo)); }
}
