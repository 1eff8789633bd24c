package io.insurebridge.settlement.state;

import java.time.OffsetDateTime;

/** A node visit (node_visit). Status: REGISTERED, SETTLED, CANCELLED. */
public record VisitRecord(String mdtrtId, String psnNo, String insutype, String insuplcAdmdvs, String mdtrtareaAdmvs,
                          String fixmedinsCode, String atddrNo, String iptOtpNo, String mdtrtCertType,
                          boolean internet, String medType, String mainDiag, OffsetDateTime begntime, String status) {
    public static final String REGISTERED = "REGISTERED";
    public static final String SETTLED = "SETTLED";
    public static final String CANCELLED = "CANCELLED";
}
