package io.insurebridge.platform.gateway;

import java.math.BigDecimal;

/**
 * What the HIS learns from a registration (1101 + 2201): who the platform says the patient is, where insured, the
 * personal account balance, and the platform's visit id it must echo on later messages.
 */
public record RegistrationResult(String psnNo, String psnName, String insutype, String insuplcAdmdvs, BigDecimal balc,
                                 String mdtrtId, String psnInsuStas, boolean internet, String warnMsg) {}
