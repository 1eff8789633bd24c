package io.insurebridge.settlement.policy;

import io.insurebridge.mapping.AreaPolicy;

import java.math.BigDecimal;

/**
 * The insured place's policy as it applies to one visit, already resolved: the benefit group's layer, the ratio for
 * the care institution's level (minus the unfiled off-site reduction), the optional critical-illness and assistance
 * layers, whether the funds pay at all (a non-follow-up Internet+ visit does not) and whether the account pays.
 *
 * @param criticalIllness null unless the insurance type has a critical-illness layer (390)
 * @param assistance      null unless the person has the assistance identity
 * @param fundsWarning    non-null: funds pay nothing and nothing accumulates; the text goes to warn_msg
 */
public record VisitTerms(String insutype, String medType, BenefitGroup group, AreaPolicy.Layer layer, BigDecimal ratio,
                         AreaPolicy.CriticalIllness criticalIllness, AreaPolicy.Assistance assistance,
                         boolean payFromAccount, String fundsWarning) {

    public boolean fundsPay() {
        return fundsWarning == null;
    }

    public VisitTerms withFundsWarning(String warning) {
        return new VisitTerms(insutype, medType, group, layer, ratio, criticalIllness, assistance, payFromAccount,
                warning);
    }
}
