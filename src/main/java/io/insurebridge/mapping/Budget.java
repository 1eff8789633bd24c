package io.insurebridge.mapping;

import java.math.BigDecimal;

/** An institution's annual total budget (mappings/budgets.csv). */
public record Budget(String institutionCode, int year, BigDecimal totalBudget) {}
