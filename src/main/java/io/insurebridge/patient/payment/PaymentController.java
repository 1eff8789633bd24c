package io.insurebridge.patient.payment;

import io.insurebridge.model.Operator;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.gateway.UnknownVisitException;
import io.insurebridge.platform.gateway.VisitStateException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payment orders for the HIS and the console: {@code GET /api/patient/payments/{order}},
 * {@code GET /api/patient/payments?institution=&visit_no=}, {@code POST /api/patient/payments/{order}/refund}.
 */
@RestController
@RequestMapping("/api/patient/payments")
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class PaymentController {
    private final MobilePayments payments;

    public PaymentController(MobilePayments payments) {
        this.payments = payments;
    }

    @GetMapping("/{orderId}")
    public ResponseEntity<?> order(@PathVariable String orderId) {
        return payments.find(orderId).<ResponseEntity<?>>map(o -> ResponseEntity.ok(view(o)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error",
                        "no payment order " + orderId)));
    }

    @GetMapping
    public ResponseEntity<?> byVisit(@RequestParam String institution, @RequestParam("visit_no") String visitNo) {
        return payments.latest(institution, visitNo).<ResponseEntity<?>>map(o -> ResponseEntity.ok(view(o)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error",
                        "no payment order for visit " + institution + "/" + visitNo)));
    }

    @PostMapping("/{orderId}/refund")
    public ResponseEntity<?> refund(@PathVariable String orderId) {
        try {
            return ResponseEntity.ok(view(payments.refund(orderId, new Operator("1", "API", "refund"))));
        } catch (UnknownVisitException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
        } catch (VisitStateException | PlatformRejectedException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
        }
    }

    Map<String, Object> view(PaymentOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("order_id", o.orderId());
        m.put("status", o.status().name());
        m.put("institution", o.institutionCode());
        m.put("visit_no", o.visitNo());
        m.put("mdtrt_id", o.mdtrtId());
        m.put("medfee_sumamt", o.medfeeSumamt());
        m.put("fund_pay_sumamt", o.fundPaySumamt());
        m.put("acct_pay", o.acctPay());
        m.put("cash_pay", o.cashPay());
        m.put("settle_msgid", o.settleMsgid());
        m.put("setl_id", o.setlId());
        m.put("reversal_msgid", o.reversalMsgid());
        m.put("reason", o.reason());
        m.put("pay_url", payments.payUrl(o));
        m.put("created_at", o.createdAt() == null ? null : o.createdAt().toString());
        m.put("expires_at", o.expiresAt() == null ? null : o.expiresAt().toString());
        m.put("updated_at", o.updatedAt() == null ? null : o.updatedAt().toString());
        return m;
    }
}
