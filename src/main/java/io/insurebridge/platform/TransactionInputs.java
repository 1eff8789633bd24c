package io.insurebridge.platform;

import static io.insurebridge.platform.PlatformFormats.amount;
import static io.insurebridge.platform.PlatformFormats.dateTime;
import static io.insurebridge.platform.PlatformFormats.price;
import static io.insurebridge.platform.PlatformFormats.quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.insurebridge.model.Diagnosis;
import io.insurebridge.model.FeeLine;
import io.insurebridge.model.PersonIdentity;
import io.insurebridge.model.Visit;

/**
 * The {@code input} node of each outpatient transaction, field by field as in docs/national-platform.md.
 * Conventions: every listed field is present; a value the HIS did not give is an empty string (what the platform's
 * reference clients send, and what a lenient reader takes as "absent"); numbers are JSON numbers in the
 * {@link PlatformFormats} scales; times are yyyy-MM-dd HH:mm:ss.
 */
public final class TransactionInputs {

    /** psn_cert_type for a resident ID card. */
    static final String RESIDENT_ID = "01";
    /** mdtrt_cert_type for a resident ID card. */
    static final String CERT_ID_CARD = "02";
    /** 2205 chrg_bchno that cancels every unsettled fee of the visit. */
    public static final String ALL_UNSETTLED = "0000";
    /** 2204 hosp_appr_flag: the HIS message carries no approval, so "no approval needed" (0); 1 approved, 2 refused. */
    static final String NO_APPROVAL_NEEDED = "0";
    /** 2204 rx_circ_flag: the lines settle here, not through e-prescription circulation. */
    static final String NOT_CIRCULATED = "0";

    private TransactionInputs() {}

    /** 1101 person information: the identity the HIS gave, as of the visit's start. */
    public static ObjectNode personInfo1101(Visit visit) {
        PersonIdentity person = visit.person();
        String certno = person.certno();
        if (blank(certno) && CERT_ID_CARD.equals(person.mdtrtCertType())) {
            certno = person.mdtrtCertNo();
        }
        ObjectNode data = PlatformJson.object();
        data.put("mdtrt_cert_type", str(person.mdtrtCertType()));
        data.put("mdtrt_cert_no", str(person.mdtrtCertNo()));
        data.put("card_sn", str(person.cardSn()));
        data.put("begntime", dateTime(visit.begin()));
        data.put("psn_cert_type", blank(certno) ? "" : RESIDENT_ID);
        data.put("certno", str(certno));
        data.put("psn_name", str(person.name()));
        return wrap("data", data);
    }

    /** 2201 outpatient registration; an Internet+ visit is marked in exp_content (a JSON string, not an object). */
    public static ObjectNode registration2201(Visit visit, String psnNo, String insutype) {
        ObjectNode data = PlatformJson.object();
        data.put("psn_no", psnNo);
        data.put("insutype", insutype);
        data.put("begntime", dateTime(visit.begin()));
        data.put("mdtrt_cert_type", str(visit.person().mdtrtCertType()));
        data.put("mdtrt_cert_no", str(visit.person().mdtrtCertNo()));
        data.put("ipt_otp_no", visit.visitNo());
        data.put("atddr_no", str(visit.doctorCode()));
        data.put("dr_name", str(visit.doctorName()));
        data.put("dept_code", str(visit.deptCode()));
        data.put("dept_name", str(visit.deptName()));
        // the model has no separate department category: the HIS's department code is the national caty code
        data.put("caty", str(visit.deptCode()));
        if (visit.internet()) {
            ObjectNode expContent = PlatformJson.object().put("inet_flag", "1");
            data.put("exp_content", PlatformJson.write(expContent));
        }
        return wrap("data", data);
    }

    /** 2202 registration cancel. */
    public static ObjectNode cancelRegistration2202(String psnNo, String mdtrtId, String iptOtpNo) {
        ObjectNode data = PlatformJson.object();
        data.put("psn_no", psnNo);
        data.put("mdtrt_id", mdtrtId);
        data.put("ipt_otp_no", iptOtpNo);
        return wrap("data", data);
    }

    /** 2203 visit information: mdtrtinfo with the main diagnosis, and every diagnosis in diseinfo[]. */
    public static ObjectNode visitInfo2203(Visit visit, String psnNo, String mdtrtId) {
        Diagnosis main = visit.mainDiagnosis();
        ObjectNode mdtrtinfo = PlatformJson.object();
        mdtrtinfo.put("mdtrt_id", mdtrtId);
        mdtrtinfo.put("psn_no", psnNo);
        mdtrtinfo.put("med_type", str(visit.medType()));
        mdtrtinfo.put("begntime", dateTime(visit.begin()));
        mdtrtinfo.put("main_cond_dscr", "");
        mdtrtinfo.put("dise_codg", main == null ? "" : str(main.code()));
        mdtrtinfo.put("dise_name", main == null ? "" : str(main.name()));

        ArrayNode diseinfo = PlatformJson.array();
        for (Diagnosis diagnosis : visit.diagnoses()) {
            ObjectNode row = diseinfo.addObject();
            row.put("diag_type", blank(diagnosis.type()) ? "1" : diagnosis.type());
            row.put("diag_srt_no", diagnosis.seq());
            row.put("diag_code", str(diagnosis.code()));
            row.put("diag_name", str(diagnosis.name()));
            row.put("diag_dept", str(blank(visit.deptName()) ? visit.deptCode() : visit.deptName()));
            row.put("dise_dor_no", str(visit.doctorCode()));
            row.put("dise_dor_name", str(visit.doctorName()));
            row.put("diag_time", dateTime(visit.begin()));
            row.put("vali_flag", "1");
        }
        ObjectNode input = PlatformJson.object();
        input.set("mdtrtinfo", mdtrtinfo);
        input.set("diseinfo", diseinfo);
        return input;
    }

    /** 2204 fee detail upload: one feedetail row per fee line. */
    public static ObjectNode feeDetail2204(Visit visit, String psnNo, String mdtrtId, String chrgBchno) {
        Diagnosis main = visit.mainDiagnosis();
        ArrayNode feedetail = PlatformJson.array();
        for (FeeLine fee : visit.fees()) {
            ObjectNode row = feedetail.addObject();
            row.put("feedetl_sn", fee.feedetlSn());
            row.put("mdtrt_id", mdtrtId);
            row.put("psn_no", psnNo);
            row.put("chrg_bchno", chrgBchno);
            row.put("dise_codg", main == null ? "" : str(main.code()));
            row.put("rxno", str(fee.rxNo()));
            row.put("rx_circ_flag", NOT_CIRCULATED);
            row.put("fee_ocur_time", dateTime(fee.time() != null ? fee.time() : visit.begin()));
            row.put("med_list_codg", str(fee.nationalCode()));
            row.put("medins_list_codg", str(fee.localCode()));
            row.put("det_item_fee_sumamt", amount(lineTotal(fee)));
            row.put("cnt", quantity(fee.quantity()));
            row.put("pric", price(fee.price()));
            row.put("sin_dos_dscr", str(fee.dosage()));
            row.put("used_frqu_dscr", str(fee.frequency()));
            if (fee.days() == null) {
                row.put("prd_days", "");
            } else {
                row.put("prd_days", fee.days().intValue());
            }
            row.put("medc_way_dscr", str(fee.route()));
            row.put("bilg_dept_codg", str(firstOf(fee.deptCode(), visit.deptCode())));
            row.put("bilg_dept_name", str(firstOf(fee.deptName(), visit.deptName())));
            row.put("bilg_dr_codg", str(firstOf(fee.doctorCode(), visit.doctorCode())));
            row.put("bilg_dr_name", str(firstOf(fee.doctorName(), visit.doctorName())));
            row.put("hosp_appr_flag", NO_APPROVAL_NEEDED);
        }
        return wrap("feedetail", feedetail);
    }

    /** 2205 fee detail cancel; chrg_bchno {@link #ALL_UNSETTLED} cancels every unsettled line. */
    public static ObjectNode cancelFees2205(String mdtrtId, String chrgBchno, String psnNo) {
        ObjectNode data = PlatformJson.object();
        data.put("mdtrt_id", mdtrtId);
        data.put("chrg_bchno", chrgBchno);
        data.put("psn_no", psnNo);
        return wrap("data", data);
    }

    /** 2206 pre-settlement: the figures without a state change. */
    public static ObjectNode preSettlement2206(Visit visit, String psnNo, String mdtrtId, String insutype,
                                               String chrgBchno, String psnSetlway, FeeTotals totals) {
        return wrap("data", settlementData(visit, psnNo, mdtrtId, insutype, chrgBchno, psnSetlway, totals));
    }

    /** 2207 settlement: 2206's fields plus the invoice number and the class sums of the 2204 answer. */
    public static ObjectNode settlement2207(Visit visit, String psnNo, String mdtrtId, String insutype,
                                            String chrgBchno, String psnSetlway, FeeTotals totals) {
        ObjectNode data = settlementData(visit, psnNo, mdtrtId, insutype, chrgBchno, psnSetlway, totals);
        data.put("invono", str(visit.invoiceNo()));
        data.put("fulamt_ownpay_amt", totals.fulamtOwnpayAmt());
        data.put("overlmt_selfpay", totals.overlmtSelfpay());
        data.put("preselfpay_amt", totals.preselfpayAmt());
        data.put("inscp_scp_amt", totals.inscpScpAmt());
        return wrap("data", data);
    }

    /** 2208 settlement cancel. */
    public static ObjectNode cancelSettlement2208(String setlId, String mdtrtId, String psnNo) {
        ObjectNode data = PlatformJson.object();
        data.put("setl_id", setlId);
        data.put("mdtrt_id", mdtrtId);
        data.put("psn_no", psnNo);
        return wrap("data", data);
    }

    /** 2601 reversal of a transaction whose answer was lost. */
    public static ObjectNode reversal2601(String psnNo, String omsgid, String oinfno) {
        ObjectNode data = PlatformJson.object();
        data.put("psn_no", str(psnNo));   // a lost 1101 had no person yet
        data.put("omsgid", omsgid);
        data.put("oinfno", oinfno);
        return wrap("data", data);
    }

    private static ObjectNode settlementData(Visit visit, String psnNo, String mdtrtId, String insutype,
                                             String chrgBchno, String psnSetlway, FeeTotals totals) {
        ObjectNode data = PlatformJson.object();
        data.put("psn_no", psnNo);
        data.put("mdtrt_cert_type", str(visit.person().mdtrtCertType()));
        data.put("mdtrt_cert_no", str(visit.person().mdtrtCertNo()));
        data.put("med_type", str(visit.medType()));
        data.put("medfee_sumamt", totals.medfeeSumamt());
        data.put("psn_setlway", psnSetlway);
        data.put("mdtrt_id", mdtrtId);
        data.put("chrg_bchno", chrgBchno);
        data.put("insutype", insutype);
        data.put("acct_used_flag", blank(visit.acctUsedFlag()) ? "0" : visit.acctUsedFlag());
        return data;
    }

    /** The HIS's own line total when it sent one (the node checks it against price x quantity), else price x cnt. */
    static BigDecimal lineTotal(FeeLine fee) {
        if (fee.lineTotal() != null) {
            return fee.lineTotal();
        }
        if (fee.price() == null || fee.quantity() == null) {
            return null;
        }
        return fee.price().multiply(fee.quantity()).setScale(2, RoundingMode.HALF_UP);
    }

    private static ObjectNode wrap(String name, com.fasterxml.jackson.databind.JsonNode node) {
        ObjectNode input = PlatformJson.object();
        input.set(name, node);
        return input;
    }

    private static String firstOf(String preferred, String fallback) {
        return blank(preferred) ? fallback : preferred;
    }

    private static String str(String value) { return value == null ? "" : value; }

    private static boolean blank(String value) { return value == null || value.isBlank(); }
}
