package io.insurebridge.settlement.policy;

import io.insurebridge.mapping.AreaPolicy;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.InsuredPerson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The payment policy of docs/policy.md, pure: no I/O, BigDecimal only. The node feeds it the care place's catalog
 * items, the insured place's policy and the person's year-to-date state and stores what it returns.
 */
public final class PolicyEngine {
    static final BigDecimal LINE_TOLERANCE = new BigDecimal("0.01");
    static final String SELF_PAY = "03";
    static final String CLASS_B = "02";
    static final String CLASS_A = "01";
    static final String EMPLOYEE = "310";
    static final String PERSONAL_ACCOUNT = "310200";
    static final String CRITICAL_ILLNESS = "390200";
    static final String ASSISTANCE = "610100";

    private static final Map<String, String> FUND_NAMES = Map.of(
            "310100", "职工基本医疗保险统筹基金",
            "390100", "城乡居民基本医疗保险基金",
            CRITICAL_ILLNESS, "城乡居民大病医疗保险资金",
            ASSISTANCE, "医疗救助基金",
            PERSONAL_ACCOUNT, "职工基本医疗保险个人账户");

    /** Steps 1-5 of "Per fee item"; a line whose HIS total disagrees with round(pric × cnt) is refused. */
    public ItemClassification classify(FeeDetailInput line, CatalogItem item) {
        BigDecimal amt = Money.round(line.pric().multiply(line.cnt()));
        if (line.detItemFeeSumamt() == null
                || line.detItemFeeSumamt().subtract(amt).abs().compareTo(LINE_TOLERANCE) > 0) {
            throw new PolicyRefusal("Fee item " + line.feedetlSn() + ": line total " + line.detItemFeeSumamt()
                    + " differs from unit price x quantity " + amt);
        }
        BigDecimal ceiling = item.priceCeiling();
        BigDecimal overlmt = Money.ZERO;
        if (line.pric().compareTo(ceiling) > 0) {
            overlmt = Money.round(line.pric().subtract(ceiling).multiply(line.cnt()));
        }
        BigDecimal base = amt.subtract(overlmt);
        BigDecimal fulamt = Money.ZERO;
        BigDecimal preselfpay = Money.ZERO;
        BigDecimal inscp;
        List<String> memo = new ArrayList<>();
        switch (item.listLevel()) {
            case SELF_PAY -> {
                fulamt = amt;
                overlmt = Money.ZERO;
                inscp = Money.ZERO;
                memo.add(item.isDeliveryFee() ? "drug delivery fee, never insured" : "self-pay item (class C)");
            }
            case CLASS_B -> {
                preselfpay = Money.round(base.multiply(item.selfpayProp()));
                inscp = base.subtract(preselfpay);
                memo.add("class B, self-pay share " + item.selfpayProp().stripTrailingZeros().toPlainString());
            }
            case CLASS_A -> inscp = base;
            default -> throw new PolicyRefusal("Fee item " + line.feedetlSn() + ": catalog item " + item.code()
                    + " has an unknown list level " + item.listLevel());
        }
        if (overlmt.signum() > 0) {
            memo.add("price above ceiling " + ceiling.toPlainString() + ", excess self-paid");
        }
        if (item.isInternetConsultation()) {
            memo.add("Internet+ follow-up consultation, priced as the offline general consultation");
        }
        return new ItemClassification(line.feedetlSn(), item.code(), amt, line.cnt(), line.pric(), ceiling,
                item.selfpayProp(), fulamt, overlmt, preselfpay, Money.round(inscp), item.listLevel(),
                item.chargeType(), String.join("; ", memo));
    }

    /**
     * Resolves the insured place's policy for a visit: benefit group by med_type (14 needs the qualification),
     * ratio by the care institution's level, unfiled off-site reduction, critical-illness and assistance layers.
     *
     * @param followUp for an Internet+ visit: whether it is a follow-up of an offline visit (ignored offline)
     */
    public VisitTerms terms(InsuredPerson person, AreaPolicy insuredPlacePolicy, Institution careInstitution,
                            String careAdmdvs, String medType, String mainDiagnosis, boolean internet,
                            boolean followUp, String acctUsedFlag) {
        BenefitGroup group = BenefitGroup.ofMedType(medType).orElseThrow(() -> new PolicyRefusal(
                "med_type " + medType + " is not settled by this node (outpatient 11/13/14/16 only)"));
        AreaPolicy.InsutypePolicy byType = insuredPlacePolicy.byInsutype().get(person.insutype());
        if (byType == null) {
            throw new PolicyRefusal("Insured place " + insuredPlacePolicy.admdvs() + " has no policy for insutype "
                    + person.insutype());
        }
        if (group == BenefitGroup.CHRONIC) {
            Gates.chronicQualification(person, mainDiagnosis);
        }
        AreaPolicy.Layer layer = group == BenefitGroup.CHRONIC ? byType.chronic() : byType.outpatient();
        BigDecimal ratio = layer.ratioByLevel().get(careInstitution.level());
        if (ratio == null) {
            throw new PolicyRefusal("Insured place " + insuredPlacePolicy.admdvs()
                    + " has no ratio for institution level " + careInstitution.level());
        }
        if (offSiteWithoutFiling(person, careAdmdvs)) {
            ratio = Money.max(BigDecimal.ZERO, ratio.subtract(insuredPlacePolicy.unfiledRatioReduction()));
        }
        AreaPolicy.Assistance assistance = insuredPlacePolicy.assistance();
        if (assistance != null && !assistance.identity().equals(person.identity())) {
            assistance = null;
        }
        boolean payFromAccount = EMPLOYEE.equals(person.insutype()) && "1".equals(acctUsedFlag);
        String warning = internet && !followUp
                ? "Not a follow-up visit: no settled offline visit with the same diagnosis within "
                  + insuredPlacePolicy.followUpDays() + " days; the insurance funds pay nothing for this Internet+ visit"
                : null;
        return new VisitTerms(person.insutype(), medType, group, layer, ratio, byType.criticalIllness(), assistance,
                payFromAccount, warning);
    }

    static boolean offSiteWithoutFiling(InsuredPerson person, String careAdmdvs) {
        return !person.insuplcAdmdvs().equals(careAdmdvs) && !careAdmdvs.equals(person.filingToAdmdvs());
    }

    /** Steps 1-8 of "Per visit". */
    public VisitSettlement settle(VisitTerms terms, List<ItemClassification> items, YearToDate ytd) {
        BigDecimal medfee = sum(items, ItemClassification::detItemFeeSumamt);
        BigDecimal fulamt = sum(items, ItemClassification::fulamtOwnpayAmt);
        BigDecimal overlmt = sum(items, ItemClassification::overlmtAmt);
        BigDecimal preselfpay = sum(items, ItemClassification::preselfpayAmt);
        BigDecimal inscp = sum(items, ItemClassification::inscpScpAmt);

        BigDecimal dedc = Money.ZERO;
        BigDecimal hifp = Money.ZERO;
        BigDecimal hifmi = Money.ZERO;
        BigDecimal maf = Money.ZERO;
        if (terms.fundsPay()) {
            AreaPolicy.Layer layer = terms.layer();
            dedc = Money.min(inscp, Money.remaining(layer.deductible(), ytd.deductibleUsed()));
            hifp = Money.min(Money.round(inscp.subtract(dedc).multiply(terms.ratio())),
                    Money.remaining(layer.cap(), ytd.pooledPaid()));
            if (terms.criticalIllness() != null) {
                hifmi = criticalIllness(terms.criticalIllness(), ytd.criticalIllnessBurden(), inscp.subtract(hifp));
            }
            if (terms.assistance() != null) {
                maf = Money.min(Money.round(inscp.subtract(hifp).subtract(hifmi).multiply(terms.assistance().ratio())),
                        Money.remaining(terms.assistance().cap(), ytd.assistancePaid()));
            }
        }
        BigDecimal poolPropSelfpay = inscp.subtract(dedc).subtract(hifp);
        BigDecimal fundSum = hifp.add(hifmi).add(maf);
        BigDecimal psnPart = medfee.subtract(fundSum);
        BigDecimal acct = terms.payFromAccount() ? Money.max(Money.ZERO, Money.min(ytd.accountBalance(), psnPart))
                : Money.ZERO;
        BigDecimal cash = psnPart.subtract(acct);
        BigDecimal balc = ytd.accountBalance().subtract(acct);

        List<FundPayment> details = fundPayments(terms.insutype(), inscp, hifp, hifmi, maf, acct);

        // a non-follow-up Internet+ visit accumulates nothing; only the account (the person's own money) moves
        AccumulatorDelta delta = terms.fundsPay()
                ? new AccumulatorDelta(dedc, hifp, inscp.subtract(hifp), maf, acct)
                : new AccumulatorDelta(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, acct);
        return new VisitSettlement(medfee, fulamt, overlmt, preselfpay, inscp, dedc, hifp, poolPropSelfpay, hifmi,
                maf, fundSum, psnPart, acct, cash, balc, details, delta, terms.fundsWarning());
    }

    /** Pays the ratio on the part of this visit's burden that lies above the threshold (step 4). */
    static BigDecimal criticalIllness(AreaPolicy.CriticalIllness layer, BigDecimal burdenBefore, BigDecimal burden) {
        BigDecimal t = layer.threshold();
        BigDecimal above = Money.max(BigDecimal.ZERO, burdenBefore.add(burden).subtract(t))
                .subtract(Money.max(BigDecimal.ZERO, burdenBefore.subtract(t)));
        return Money.round(above.multiply(layer.ratio()));
    }

    /** setldetail[]: one row per fund that paid more than 0 (pooled fund type by insutype, e.g. 310100/390100). */
    public static List<FundPayment> fundPayments(String insutype, BigDecimal inscp, BigDecimal hifp, BigDecimal hifmi,
                                                 BigDecimal maf, BigDecimal acct) {
        List<FundPayment> details = new ArrayList<>();
        addFund(details, insutype + "100", inscp, hifp);
        addFund(details, CRITICAL_ILLNESS, inscp, hifmi);
        addFund(details, ASSISTANCE, inscp, maf);
        addFund(details, PERSONAL_ACCOUNT, inscp, acct);
        return List.copyOf(details);
    }

    private static void addFund(List<FundPayment> details, String type, BigDecimal inscp, BigDecimal paid) {
        if (paid.signum() > 0) {
            details.add(new FundPayment(type, FUND_NAMES.getOrDefault(type, "fund " + type), inscp, paid));
        }
    }

    private static BigDecimal sum(List<ItemClassification> items,
                                  java.util.function.Function<ItemClassification, BigDecimal> field) {
        return items.stream().map(field).reduce(Money.ZERO, BigDecimal::add);
    }
}
