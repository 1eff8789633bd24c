package io.insurebridge.patient.bill;

import java.util.Map;

/** Bill captions: national med_chrgitm_type codes and fund columns in the words printed on a Chinese bill. */
final class ChargeTypes {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("01", "床位费"), Map.entry("02", "检查费"), Map.entry("03", "化验费"),
            Map.entry("04", "治疗费"), Map.entry("05", "手术费"), Map.entry("06", "护理费"),
            Map.entry("07", "卫生材料费"), Map.entry("08", "西药费"), Map.entry("09", "西药费"),
            Map.entry("10", "中药饮片费"), Map.entry("11", "中成药费"), Map.entry("12", "一般诊疗费"),
            Map.entry("13", "挂号费"), Map.entry("14", "其他费"));

    static final Map<String, String> FUNDS = Map.of(
            "hifp_pay", "统筹基金支付",
            "hifmi_pay", "大病保险支付",
            "maf_pay", "医疗救助支付",
            "acct_pay", "个人账户支付",
            "psn_cash_pay", "个人现金支付");

    private ChargeTypes() {}

    static String name(String code) {
        return code == null ? "其他费" : NAMES.getOrDefault(code, "其他费");
    }
}
