package io.insurebridge.patient;

import io.insurebridge.model.Visit;
import io.insurebridge.patient.identity.FhirIdentityExtension;
import io.insurebridge.patient.identity.IdentityClaims;
import io.insurebridge.patient.payment.MobilePayments;
import io.insurebridge.patient.payment.PaymentOrder;
import io.insurebridge.platform.gateway.ChargeResult;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The patient side of the FHIR front door's Claim: identity-check extensions admitted before the visit is
 * registered, a settlement refused while the patient is paying on the phone, and the visit's mobile payment order
 * returned as an extension of the ClaimResponse ({@value #PAYMENT_URL}).
 */
public class FhirPatientHooks {
    public static final String PAYMENT_URL = "https://insurebridge.io/fhir/StructureDefinition/mobile-payment";

    private final ObjectProvider<IdentityClaims> identity;
    private final ObjectProvider<MobilePayments> payments;

    public FhirPatientHooks(ObjectProvider<IdentityClaims> identity, ObjectProvider<MobilePayments> payments) {
        this.identity = identity;
        this.payments = payments;
    }

    public void beforeClaim(Visit visit, Claim claim) {
        IdentityClaims claims = identity.getIfAvailable();
        if (claims != null) {
            claims.admit(visit, FhirIdentityExtension.read(claim));
        }
        MobilePayments mobile = payments.getIfAvailable();
        if (mobile != null) {
            mobile.guardCounterSettlement(visit);
        }
    }

    public void afterClaim(Visit visit, ChargeResult charged, Resource response) {
        MobilePayments mobile = payments.getIfAvailable();
        if (mobile == null || !(response instanceof DomainResource resource)) {
            return;
        }
        mobile.afterCharge(visit, charged).ifPresent(order -> resource.addExtension(extension(order,
                mobile.payUrl(order))));
    }

    static Extension extension(PaymentOrder o, String payUrl) {
        Extension e = new Extension(PAYMENT_URL);
        e.addExtension("order-id", new StringType(o.orderId()));
        e.addExtension("status", new StringType(o.status().name()));
        e.addExtension("cash", new DecimalType(o.cashPay()));
        e.addExtension("fund", new DecimalType(o.fundPaySumamt()));
        e.addExtension("account", new DecimalType(o.acctPay()));
        e.addExtension("pay-url", new UrlType(payUrl));
        if (o.setlId() != null) {
            e.addExtension("setl-id", new StringType(o.setlId()));
        }
        if (o.reason() != null) {
            e.addExtension("reason", new StringType(o.reason()));
        }
        return e;
    }
}
