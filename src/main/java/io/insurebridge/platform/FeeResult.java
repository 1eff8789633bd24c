package io.insurebridge.platform;

import static io.insurebridge.platform.JsonFields.decimal;
import static io.insurebridge.platform.JsonFields.text;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of the 2204 answer's result[]: how the platform classified and priced one fee line. */
public record FeeResult(String feedetlSn, BigDecimal detItemFeeSumamt, BigDecimal cnt, BigDecimal pric,
                        BigDecimal pricUplmtAmt, BigDecimal selfpayProp, BigDecimal fulamtOwnpayAmt,
                        BigDecimal overlmtAmt, BigDecimal preselfpayAmt, BigDecimal inscpScpAmt, String chrgitmLv,
                        String medChrgitmType, String memo) {

    public static FeeResult from(JsonNode line) {
        return new FeeResult(text(line, "feedetl_sn"), decimal(line, "det_item_fee_sumamt"), decimal(line, "cnt"),
                decimal(line, "pric"), decimal(line, "pric_uplmt_amt"), decimal(line, "selfpay_prop"),
                decimal(line, "fulamt_ownpay_amt"), decimal(line, "overlmt_amt"), decimal(line, "preselfpay_amt"),
                decimal(line, "inscp_scp_amt"), text(line, "chrgitm_lv"), text(line, "med_chrgitm_type"),
                text(line, "memo"));
    }
}
