package io.insurebridge.model;

/**
 * How the HIS identified the patient: the medical certificate (mdtrt_cert_type 01 e-voucher token, 02 resident ID,
 * 03 social-security card) and whatever else it sent. psnNo is known only after 1101 answered.
 */
public record PersonIdentity(String mdtrtCertType, String mdtrtCertNo, String cardSn, String certno, String name,
                             String psnNo) {
    public PersonIdentity withPsnNo(String psnNo) {
        return new PersonIdentity(mdtrtCertType, mdtrtCertNo, cardSn, certno, name, psnNo);
    }
}
