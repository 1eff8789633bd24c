package io.insurebridge.inbound.hl7;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import io.insurebridge.model.SettleMode;
import io.insurebridge.platform.FeeResult;
import io.insurebridge.platform.FundPayment;
import io.insurebridge.platform.SettlementInfo;
import io.insurebridge.platform.gateway.ChargeResult;
import io.insurebridge.platform.gateway.RegistrationResult;

/**
 * Z-segments carrying the platform's answer back to the HIS, appended to the ACK (layout: docs/hl7-result-segments.md).
 * Values are escaped for the standard encoding characters {@code |^~\&}; amounts are plain with 2 decimals; an
 * absent value is an empty field. Segments are returned without the trailing carriage return.
 */
public final class ResultSegments {

    private ResultSegments() {}

    /** ZIV: the insured person after registration. */
    public static String ziv(RegistrationResult r) {
        return segment("ZIV", r.psnNo(), r.psnName(), r.insutype(), r.insuplcAdmdvs(), money(r.balc()), r.mdtrtId(),
                r.psnInsuStas());
    }

    /** ZST: settlement totals; the last field says whether they are pre-settlement (PRE) or committed (SETTLE). */
    public static String zst(SettlementInfo s, SettleMode mode) {
        return segment("ZST", s.setlId(), s.mdtrtId(), money(s.medfeeSumamt()), money(s.fulamtOwnpayAmt()),
                money(s.overlmtSelfpay()), money(s.preselfpayAmt()), money(s.inscpScpAmt()), money(s.actPayDedc()),
                money(s.hifpPay()), money(s.hifmiPay()), money(s.mafPay()), money(s.fundPaySumamt()),
                money(s.psnPartAmt()), money(s.acctPay()), money(s.psnCashPay()), money(s.balc()), modeCode(mode));
    }

    /** ZSD: one fund's payment (one per setldetail row). */
    public static String zsd(FundPayment f) {
        return segment("ZSD", f.fundPayType(), f.fundPayTypeName(), money(f.fundPayamt()));
    }

    /** ZFD: the platform's classification of one fee line (one per 2204 result line). */
    public static String zfd(FeeResult f) {
        return segment("ZFD", f.feedetlSn(), f.chrgitmLv(), money(f.inscpScpAmt()), money(f.preselfpayAmt()),
                money(f.overlmtAmt()), money(f.fulamtOwnpayAmt()));
    }

    /** ZWN: the platform's warning text. */
    public static String zwn(String warning) {
        return segment("ZWN", warning);
    }

    /** ZIV, then ZWN if the platform warned. */
    public static List<String> forRegistration(RegistrationResult r) {
        List<String> segments = new ArrayList<>();
        segments.add(ziv(r));
        addWarning(segments, r.warnMsg());
        return segments;
    }

    /** ZST (when there are figures), ZSD per fund, ZFD per fee line, then ZWN if the platform warned. */
    public static List<String> forCharge(ChargeResult c) {
        List<String> segments = new ArrayList<>();
        if (c.setlinfo() != null) {
            segments.add(zst(c.setlinfo(), c.settleMode()));
            c.setldetail().forEach(f -> segments.add(zsd(f)));
        }
        c.fees().forEach(f -> segments.add(zfd(f)));
        addWarning(segments, c.warnMsg());
        return segments;
    }

    /** HL7 escaping with the default delimiters (shared with the ACK builder). */
    public static String escape(String value) {
        return Hl7Escaping.escape(value);
    }

    private static void addWarning(List<String> segments, String warning) {
        if (warning != null && !warning.isBlank()) {
            segments.add(zwn(warning));
        }
    }

    private static String modeCode(SettleMode mode) {
        if (mode == SettleMode.PRE_SETTLE) {
            return "PRE";
        }
        return mode == SettleMode.SETTLE ? "SETTLE" : mode == null ? "" : mode.name();
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String segment(String name, String... fields) {
        StringBuilder segment = new StringBuilder(name);
        for (String field : fields) {
            segment.append('|').append(escape(field));
        }
        return segment.toString();
    }
}
