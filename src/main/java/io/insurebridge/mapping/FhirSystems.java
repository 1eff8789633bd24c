package io.insurebridge.mapping;

/**
 * Identifier systems, code systems and extension URLs of the FHIR front door (documented in docs/fhir.md). One
 * place, so the translator, the responses and the tests speak the same URIs.
 */
public final class FhirSystems {

    public static final String BASE = "https://insurebridge.io/fhir";

    // identifier systems
    public static final String RESIDENT_ID = BASE + "/sid/resident-id";     // mdtrt_cert_type 02
    public static final String EVOUCHER = BASE + "/sid/evoucher";           // mdtrt_cert_type 01
    public static final String SS_CARD = BASE + "/sid/ss-card";             // mdtrt_cert_type 03
    public static final String PSN_NO = BASE + "/sid/psn-no";
    public static final String INSTITUTION = BASE + "/sid/institution";
    public static final String DOCTOR = BASE + "/sid/doctor";
    public static final String PHARMACY = BASE + "/sid/pharmacy";
    public static final String VISIT_NUMBER = BASE + "/sid/visit-number";
    public static final String MDTRT_ID = BASE + "/sid/mdtrt-id";
    public static final String SETL_ID = BASE + "/sid/setl-id";
    public static final String HI_RXNO = BASE + "/sid/hi-rxno";
    public static final String RX_TRACE_CODE = BASE + "/sid/rx-trace-code";

    // code systems
    /** Local item codes of one institution: this prefix + "/" + institution code. */
    public static final String LOCAL_ITEM = BASE + "/CodeSystem/local-item";
    public static final String NATIONAL_ITEM = BASE + "/CodeSystem/national-item";
    public static final String DIAGNOSIS = BASE + "/CodeSystem/diagnosis";
    public static final String MED_TYPE = BASE + "/CodeSystem/med-type";
    public static final String INSUTYPE = BASE + "/CodeSystem/insutype";
    public static final String DEPARTMENT = BASE + "/CodeSystem/department";
    public static final String ADJUDICATION = BASE + "/CodeSystem/adjudication";
    public static final String LIST_LEVEL = BASE + "/CodeSystem/list-level";
    public static final String BENEFIT_TYPE = BASE + "/CodeSystem/benefit-type";
    public static final String MESSAGE_EVENT = BASE + "/CodeSystem/message-event";

    // extensions
    public static final String EXT_INSUTYPE = BASE + "/StructureDefinition/insutype";
    public static final String EXT_ACCT_USED = BASE + "/StructureDefinition/acct-used";
    public static final String EXT_MDTRT_ID = BASE + "/StructureDefinition/mdtrt-id";
    public static final String EXT_INSURED_PLACE = BASE + "/StructureDefinition/insured-place";
    public static final String EXT_ACCOUNT_BALANCE = BASE + "/StructureDefinition/account-balance";
    public static final String EXT_WARNING = BASE + "/StructureDefinition/platform-warning";

    // HL7 code systems used as they are
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String DIAGNOSIS_TYPE = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype";

    private FhirSystems() {}

    public static String localItemSystem(String institution) {
        return LOCAL_ITEM + "/" + institution;
    }
}
