package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.model.Diagnosis;
import io.insurebridge.model.Prescription;
import io.insurebridge.model.PrescriptionLine;
import io.insurebridge.platform.PlatformFormats;
import io.insurebridge.platform.PlatformJson;

/**
 * The {@code input} of the e-prescription transactions 7101-7105 (docs/circulation.md). As in TransactionInputs:
 * every listed field present, "" for what the HIS did not give, numbers as JSON numbers.
 */
public final class PrescriptionInputs {

    /** rx_circ_flag: the prescription goes into circulation to retail pharmacies. */
    static final String CIRCULATED = "1";

    private PrescriptionInputs() {}

    public static ObjectNode upload7101(Prescription rx) {
        ObjectNode input = PlatformJson.object();
        ObjectNode data = input.putObject("data");
        data.put("hosp_rxno", rx.hospRxNo());
        data.put("rx_type_code", str(rx.rxTypeCode()));
        data.put("prsc_time", PlatformFormats.dateTime(rx.prescribedAt()));
        data.put("valid_days", rx.validDays());
        data.put("rx_circ_flag", CIRCULATED);
        data.put("dr_code", str(rx.doctorCode()));
        data.put("dr_name", str(rx.doctorName()));
        data.put("ipt_otp_no", str(rx.visitNo()));
        data.put("mdtrt_id", str(rx.mdtrtId()));
        data.put("psn_no", rx.person() == null ? "" : str(rx.person().psnNo()));
        data.put("mdtrt_cert_type", rx.person() == null ? "" : str(rx.person().mdtrtCertType()));
        data.put("mdtrt_cert_no", rx.person() == null ? "" : str(rx.person().mdtrtCertNo()));
        data.put("phar_code", str(rx.pharmacyCode()));
        input.set("rxdrugdetail", drugs(rx));
        input.set("diseinfo", diagnoses(rx));
        return input;
    }

    public static ArrayNode drugs(Prescription rx) {
        ArrayNode lines = PlatformJson.array();
        for (PrescriptionLine l : rx.lines()) {
            ObjectNode line = lines.addObject();
            line.put("rx_seq", l.seq());
            line.put("med_list_codg", str(l.nationalCode()));
            line.put("medins_list_codg", str(l.localCode()));
            line.put("drug_name", str(l.name()));
            line.put("drug_cnt", l.quantity() == null ? null : PlatformFormats.quantity(l.quantity()));
            line.put("drug_dosunt", str(l.unit()));
            line.put("sin_dos_dscr", str(l.dosage()));
            line.put("used_frqu_dscr", str(l.frequency()));
            if (l.days() == null) {
                line.put("prd_days", "");
            } else {
                line.put("prd_days", l.days());
            }
            line.put("medc_way_dscr", str(l.route()));
        }
        return lines;
    }

    public static ArrayNode diagnoses(Prescription rx) {
        ArrayNode list = PlatformJson.array();
        if (rx.diagnoses() == null) {
            return list;
        }
        for (Diagnosis d : rx.diagnoses()) {
            ObjectNode diag = list.addObject();
            diag.put("diag_srt_no", d.seq());
            diag.put("diag_type", str(d.type()));
            diag.put("diag_code", str(d.code()));
            diag.put("diag_name", str(d.name()));
            diag.put("maindiag_flag", d.main() ? "1" : "0");
        }
        return list;
    }

    public static ObjectNode review7102(String hiRxno, String pharmacy, boolean passed, String opinion) {
        ObjectNode data = data(hiRxno);
        data.put("phar_code", pharmacy);
        data.put("rvw_rslt", passed ? "1" : "0");
        data.put("rvw_opnn", str(opinion));
        return wrap(data);
    }

    public static ObjectNode dispensing7103(String hiRxno, String pharmacy, boolean delivered, String detail) {
        ObjectNode data = data(hiRxno);
        data.put("phar_code", pharmacy);
        data.put("delv_flag", delivered ? "1" : "0");
        data.put("memo", str(detail));
        return wrap(data);
    }

    public static ObjectNode cancel7104(String hiRxno, String reason) {
        ObjectNode data = data(hiRxno);
        data.put("cancel_reason", str(reason));
        return wrap(data);
    }

    public static ObjectNode query7105(String hiRxno) {
        return wrap(data(hiRxno));
    }

    private static ObjectNode data(String hiRxno) {
        ObjectNode data = PlatformJson.object();
        data.put("hi_rxno", hiRxno);
        return data;
    }

    private static ObjectNode wrap(ObjectNode data) {
        ObjectNode input = PlatformJson.object();
        input.set("data", data);
        return input;
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
