package io.insurebridge.model;

import java.math.BigDecimal;

/** One drug line of an e-prescription, mapped to the national drug code. */
public record PrescriptionLine(int seq, String localCode, String nationalCode, String name, BigDecimal quantity,
                               String unit, String dosage, String frequency, Integer days, String route) {}
