package io.insurebridge.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * An insured person of the demo world (mappings/persons.csv). Only the settlement node of the insured place
 * owns this data; the gateway learns it through 1101.
 *
 * @param chronicQualifications chronic/special disease code -> diagnosis prefix it covers (e.g. M03900 -> I10)
 * @param filingToAdmdvs        area the person filed off-site care to (备案), or null
 * @param suspension            e.g. FRAUD_SUSPENDED, or null
 */
public record InsuredPerson(String psnNo, String name, String certno, String gend, LocalDate brdy, String insutype,
                            String insuplcAdmdvs, String insuStatus, BigDecimal acctBalance, String identity,
                            Map<String, String> chronicQualifications, String filingToAdmdvs, String suspension,
                            String evoucherToken) {}
