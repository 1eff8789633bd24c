package io.insurebridge.platform;

import static io.insurebridge.platform.JsonFields.decimal;
import static io.insurebridge.platform.JsonFields.text;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of setldetail[]: what one fund paid. */
public record FundPayment(String fundPayType, String fundPayTypeName, BigDecimal inscpScpAmt, BigDecimal fundPayamt) {

    public static FundPayment from(JsonNode row) {
        return new FundPayment(text(row, "fund_pay_type"), text(row, "fund_pay_type_name"),
                decimal(row, "inscp_scp_amt"), decimal(row, "fund_payamt"));
    }
}
