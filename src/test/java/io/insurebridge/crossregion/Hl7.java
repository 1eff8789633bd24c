package io.insurebridge.crossregion;

/** HL7 of the demo hospital H33010000001 (east) for off-site patients (same items as the local end-to-end test). */
final class Hl7 {
    static final String CHEN_JING = "51010519880808052X";
    static final String LIU_YANG = "510104197512300414";

    private Hl7() {}

    static String msh(String type, String controlId) {
        return "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||" + type + "|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8";
    }

    static String pid(String certno, String name) {
        return "PID|1||" + certno + "^^^^ID||" + name + "||19800115|M";
    }

    static String pv1(String visitNo) {
        return "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||" + visitNo;
    }

    static String register(String controlId, String certno, String name, String visitNo) {
        return String.join("\r", msh("ADT^A04^ADT_A01", controlId), "EVN|A04|20261130100000", pid(certno, name),
                pv1(visitNo), "ZIN|02|" + certno + "||||11") + "\r";
    }

    static String charges(String controlId, String certno, String name, String visitNo, String mode) {
        return String.join("\r", msh("DFT^P03^DFT_P03", controlId), "EVN|P03|20261130101000", pid(certno, name),
                pv1(visitNo), "DG1|1||I10.x00x002^原发性高血压^ICD10||20261130|F|||||||||1",
                "FT1|1|||20261130101000||CG|ZL1001^普通门诊诊查费|||1|10.00|10.00",
                "FT1|2|||20261130101000||CG|YP0001^苯磺酸氨氯地平片|||2|57.00|28.50",
                "FT1|3|||20261130101000||CG|JY2001^血常规|||1|20.00|20.00",
                "FT1|4|||20261130101000||CG|YP0007^止咳糖浆|||1|15.00|15.00",
                "FT1|5|||20261130101000||CG|JC3001^CT|||1|220.00|220.00",
                "ZIN|02|" + certno + "||" + mode + "|1|11") + "\r";
    }

    /** Cancels a settlement (2208 + 2205 at the gateway): ZIN-8 mdtrt_id, ZIN-9 setl_id. */
    static String cancel(String controlId, String certno, String name, String visitNo, String mdtrtId, String setlId) {
        return charges(controlId, certno, name, visitNo, "CANCEL").replace("|CANCEL|1|11", "|CANCEL|1|11||" + mdtrtId
                + "|" + setlId);
    }
}
