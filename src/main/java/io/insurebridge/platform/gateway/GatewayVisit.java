package io.insurebridge.platform.gateway;

import java.math.BigDecimal;

/** A visit this gateway registered (gateway_visits), with what the platform said about the person. */
public record GatewayVisit(long id, String institutionCode, String visitNo, String psnNo, String psnName,
                           String insutype, String insuplcAdmdvs, String psnInsuStas, BigDecimal balc, String mdtrtId,
                           boolean internet, String medType, String mdtrtCertType, String mdtrtCertNo,
                           VisitStatus status, String setlId, String feeMsgid, String settleMsgid,
                           String personJson) {

    public RegistrationResult registration() {
        return new RegistrationResult(psnNo, psnName, insutype, insuplcAdmdvs, balc, mdtrtId, psnInsuStas, internet,
                null);
    }
}
