package io.insurebridge.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One charge line after mapping: the hospital's local code and the national code it maps to, with what the
 * catalog says about it. lineTotal is the HIS's own total; the node checks it against price x quantity.
 */
public record FeeLine(String feedetlSn, String localCode, String nationalCode, String name, String listType,
                      String listLevel, String chargeType, BigDecimal price, BigDecimal quantity,
                      BigDecimal lineTotal, LocalDateTime time, String rxNo, String deptCode, String deptName,
                      String doctorCode, String doctorName, String dosage, String frequency, Integer days,
                      String route) {}
