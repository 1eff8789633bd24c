package io.insurebridge.inbound.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.mapping.FhirIssue;
import io.insurebridge.mapping.FhirSystems;
import io.insurebridge.platform.FeeResult;
import io.insurebridge.platform.SettlementInfo;
import io.insurebridge.platform.gateway.ChargeResult;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds the FHIR answers from the platform's answers: ClaimResponse (item adjudications, totals per fund),
 * CoverageEligibilityResponse (1101) and OperationOutcome. Codes are documented in docs/fhir.md.
 */
final class FhirResponses {

    static final String CURRENCY = "CNY";
    static final String HL7_ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
    static final String PLATFORM = "National medical insurance platform";

    private FhirResponses() {}

    // ---------------------------------------------------------------- OperationOutcome

    static OperationOutcome outcome(List<FhirIssue> issues, OperationOutcome.IssueSeverity severity) {
        OperationOutcome oo = new OperationOutcome();
        for (FhirIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent i = oo.addIssue().setSeverity(severity)
                    .setCode(issueType(issue.code())).setDiagnostics(issue.text());
            if (issue.expression() != null) {
                i.addExpression(issue.expression());
            }
        }
        return oo;
    }

    static OperationOutcome outcome(String expression, String code, String text,
                                    OperationOutcome.IssueSeverity severity) {
        return outcome(List.of(new FhirIssue(expression, code, text)), severity);
    }

    private static OperationOutcome.IssueType issueType(String code) {
        try {
            return OperationOutcome.IssueType.fromCode(code);
        } catch (Exception e) {
            return OperationOutcome.IssueType.PROCESSING;
        }
    }

    // ---------------------------------------------------------------- ClaimResponse

    static ClaimResponse claimResponse(long id, Claim claim, ChargeResult charged) {
        ClaimResponse cr = base(id, claim);
        cr.setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE);
        boolean settled = claim.getUse() == Claim.Use.CLAIM;
        cr.setDisposition(settled ? "settled" : "pre-settled: figures only, nothing committed");
        cr.addExtension(FhirSystems.EXT_MDTRT_ID, new StringType(charged.mdtrtId()));
        if (charged.warnMsg() != null) {
            cr.addExtension(FhirSystems.EXT_WARNING, new StringType(charged.warnMsg()));
        }
        for (FeeResult fee : charged.fees()) {
            ClaimResponse.ItemComponent item = cr.addItem().setItemSequence(sequence(fee.feedetlSn()));
            item.addAdjudication().setCategory(concept(HL7_ADJUDICATION, "submitted"))
                    .setAmount(money(fee.detItemFeeSumamt()));
            item.addAdjudication().setCategory(concept(FhirSystems.ADJUDICATION, "inscp"))
                    .setReason(concept(FhirSystems.LIST_LEVEL, fee.chrgitmLv())).setAmount(money(fee.inscpScpAmt()));
            item.addAdjudication().setCategory(concept(FhirSystems.ADJUDICATION, "preselfpay"))
                    .setAmount(money(fee.preselfpayAmt()));
            item.addAdjudication().setCategory(concept(FhirSystems.ADJUDICATION, "overlmt"))
                    .setAmount(money(fee.overlmtAmt()));
            item.addAdjudication().setCategory(concept(FhirSystems.ADJUDICATION, "fulamt-ownpay"))
                    .setAmount(money(fee.fulamtOwnpayAmt()));
        }
        if (charged.setlinfo() != null) {
            totals(cr, charged.setlinfo(), settled);
        }
        return cr;
    }

    /** The answer to Claim/$cancel: the reversal figures (negative) of the cancelled settlement. */
    static ClaimResponse cancelResponse(long id, Claim original, SettlementInfo reversal) {
        ClaimResponse cr = base(id, original);
        cr.setStatus(ClaimResponse.ClaimResponseStatus.CANCELLED);
        cr.setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE);
        cr.setDisposition("settlement cancelled (2208); the figures are the reversal");
        cr.addExtension(FhirSystems.EXT_MDTRT_ID, new StringType(reversal.mdtrtId()));
        totals(cr, reversal, true);
        return cr;
    }

    /** What the HIS gets when the platform did not answer in time: GET ClaimResponse/{id} later. */
    static ClaimResponse queued(long id, Claim claim) {
        ClaimResponse cr = base(id, claim);
        cr.setOutcome(ClaimResponse.RemittanceOutcome.QUEUED);
        cr.setDisposition("pending: no answer from the platform yet; GET ClaimResponse/" + id + " later");
        return cr;
    }

    private static ClaimResponse base(long id, Claim claim) {
        ClaimResponse cr = new ClaimResponse();
        cr.setId(String.valueOf(id));
        cr.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
        cr.setType(claim.getType());
        cr.setUse(claim.getUse() == Claim.Use.PREAUTHORIZATION ? ClaimResponse.Use.PREAUTHORIZATION
                : ClaimResponse.Use.CLAIM);
        cr.setPatient(claim.getPatient().copy());
        cr.setCreated(new Date());
        cr.setInsurer(new Reference().setDisplay(PLATFORM));
        cr.setRequestor(claim.getProvider().copy());
        cr.setRequest(new Reference().setType("Claim").setIdentifier(claim.getIdentifierFirstRep().copy()));
        return cr;
    }

    private static void totals(ClaimResponse cr, SettlementInfo s, boolean committed) {
        if (committed && s.setlId() != null) {
            cr.addIdentifier(new Identifier().setSystem(FhirSystems.SETL_ID).setValue(s.setlId()));
        }
        total(cr, HL7_ADJUDICATION, "submitted", s.medfeeSumamt());
        total(cr, FhirSystems.ADJUDICATION, "fulamt-ownpay", s.fulamtOwnpayAmt());
        total(cr, FhirSystems.ADJUDICATION, "overlmt", s.overlmtSelfpay());
        total(cr, FhirSystems.ADJUDICATION, "preselfpay", s.preselfpayAmt());
        total(cr, FhirSystems.ADJUDICATION, "inscp", s.inscpScpAmt());
        total(cr, FhirSystems.ADJUDICATION, "deductible", s.actPayDedc());
        total(cr, FhirSystems.ADJUDICATION, "pooled", s.hifpPay());
        total(cr, FhirSystems.ADJUDICATION, "critical-illness", s.hifmiPay());
        total(cr, FhirSystems.ADJUDICATION, "assistance", s.mafPay());
        total(cr, FhirSystems.ADJUDICATION, "fund", s.fundPaySumamt());
        total(cr, FhirSystems.ADJUDICATION, "person", s.psnPartAmt());
        total(cr, FhirSystems.ADJUDICATION, "account", s.acctPay());
        total(cr, FhirSystems.ADJUDICATION, "cash", s.psnCashPay());
        if (s.balc() != null) {
            cr.addExtension(FhirSystems.EXT_ACCOUNT_BALANCE, money(s.balc()));
        }
    }

    private static void total(ClaimResponse cr, String system, String code, BigDecimal amount) {
        cr.addTotal().setCategory(concept(system, code)).setAmount(money(amount));
    }

    // ---------------------------------------------------------------- CoverageEligibilityResponse

    static CoverageEligibilityResponse eligibility(long id, CoverageEligibilityRequest request, JsonNode output) {
        CoverageEligibilityResponse r = new CoverageEligibilityResponse();
        r.setId(String.valueOf(id));
        r.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
        r.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.VALIDATION);
        r.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.BENEFITS);
        Reference patient = request.getPatient().copy();
        JsonNode base = output.path("baseinfo");
        if (base.hasNonNull("psn_name")) {
            patient.setDisplay(base.path("psn_name").asText());
        }
        r.setPatient(patient);
        r.setCreated(new Date());
        r.setRequestor(request.getProvider().copy());
        r.setRequest(request.hasIdentifier()
                ? new Reference().setType("CoverageEligibilityRequest")
                        .setIdentifier(request.getIdentifierFirstRep().copy())
                : new Reference().setDisplay("CoverageEligibilityRequest #" + id));
        r.setInsurer(new Reference().setDisplay(PLATFORM));
        r.setOutcome(Enumerations.RemittanceOutcome.COMPLETE);
        int n = 0;
        for (JsonNode insurance : output.path("insuinfo")) {
            String insutype = insurance.path("insutype").asText();
            boolean active = "1".equals(insurance.path("psn_insu_stas").asText());
            Coverage coverage = new Coverage();
            coverage.setId("cov" + n);
            coverage.setStatus(active ? Coverage.CoverageStatus.ACTIVE : Coverage.CoverageStatus.CANCELLED);
            coverage.setType(concept(FhirSystems.INSUTYPE, insutype));
            coverage.setBeneficiary(patient.copy());
            coverage.addPayor(new Reference().setDisplay(PLATFORM));
            if (base.hasNonNull("psn_no")) {
                coverage.setSubscriberId(base.path("psn_no").asText());
            }
            r.addContained(coverage);
            CoverageEligibilityResponse.InsuranceComponent entry = r.addInsurance()
                    .setCoverage(new Reference("#cov" + n)).setInforce(active);
            entry.addExtension(FhirSystems.EXT_INSURED_PLACE, new CodeType(insurance.path("insuplc_admdvs").asText()));
            entry.addExtension(FhirSystems.EXT_INSUTYPE, new CodeType(insutype));
            entry.addItem().setCategory(concept(FhirSystems.BENEFIT_TYPE, "medical"))
                    .addBenefit().setType(concept(FhirSystems.BENEFIT_TYPE, "account-balance"))
                    .setAllowed(money(new BigDecimal(insurance.path("balc").asText("0"))));
            n++;
        }
        return r;
    }

    static CoverageEligibilityResponse queued(long id, CoverageEligibilityRequest request) {
        CoverageEligibilityResponse r = new CoverageEligibilityResponse();
        r.setId(String.valueOf(id));
        r.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
        r.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.VALIDATION);
        r.setPatient(request.getPatient().copy());
        r.setCreated(new Date());
        r.setRequest(new Reference().setDisplay("CoverageEligibilityRequest #" + id));
        r.setInsurer(new Reference().setDisplay(PLATFORM));
        r.setOutcome(Enumerations.RemittanceOutcome.QUEUED);
        r.setDisposition("pending: no answer from the platform yet");
        return r;
    }

    // ---------------------------------------------------------------- helpers

    static CodeableConcept concept(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    static Money money(BigDecimal amount) {
        return new Money().setValue(amount == null ? BigDecimal.ZERO.setScale(2) : amount).setCurrency(CURRENCY);
    }

    private static int sequence(String feedetlSn) {
        try {
            return Integer.parseInt(feedetlSn);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
