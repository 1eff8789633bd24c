package io.insurebridge.patient.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.model.Operator;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.PlatformUnavailableException;
import io.insurebridge.platform.SettlementInfo;
import io.insurebridge.platform.gateway.ChargeResult;
import io.insurebridge.platform.gateway.GatewayVisit;
import io.insurebridge.platform.gateway.GatewayVisitStore;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.platform.gateway.UnknownVisitException;
import io.insurebridge.platform.gateway.VisitStateException;
import io.insurebridge.platform.gateway.VisitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Mobile payment of the personal share of an Internet+ visit. A pre-settlement (2206) creates the order; when the
 * patient confirms on the payment page the fund share is settled (2207) and the cash share is taken from the
 * (simulated) wallet. Both or neither: if the cash share fails or times out after the fund share was committed,
 * the settlement is reversed (2601 through {@link OutpatientFlow#reverse}); a reversal that cannot be sent now is
 * retried by the sweeper until it is done. A paid order can be refunded (2208).
 */
public class MobilePayments {
    private static final Logger log = LoggerFactory.getLogger(MobilePayments.class);
    /** opter_type 3 = mobile: the transactions the patient's phone caused. */
    static final Operator MOBILE = new Operator("3", "MOBILE", "mobile payment");

    private final OutpatientFlow flow;
    private final GatewayVisitStore visits;
    private final PaymentOrders orders;
    private final ObjectMapper json;
    private final PaymentProperties properties;
    private final Clock clock;

    public MobilePayments(OutpatientFlow flow, GatewayVisitStore visits, PaymentOrders orders, ObjectMapper json,
                          PaymentProperties properties, Clock clock) {
        this.flow = flow;
        this.visits = visits;
        this.orders = orders;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- the HIS's messages

    /**
     * Before a HIS charge: a settlement at the counter while the patient is paying on the phone would pay twice;
     * it is refused until the order is finished (paid, abandoned, expired, failed or reversed).
     */
    public void guardCounterSettlement(Visit visit) {
        if (visit.settleMode() != SettleMode.SETTLE && visit.settleMode() != SettleMode.CANCEL) {
            return;
        }
        orders.latest(visit.institutionCode(), visit.visitNo()).filter(o -> o.status().open()).ifPresent(o -> {
            throw new VisitStateException("visit " + visit.visitNo() + " has mobile payment order " + o.orderId()
                    + " " + o.status() + ": the patient is paying on the phone; wait for it or let it expire");
        });
    }

    /** After a HIS charge: an Internet+ pre-settlement opens an order; otherwise the visit's latest order, if any. */
    public Optional<PaymentOrder> afterCharge(Visit visit, ChargeResult charged) {
        if (properties.enabled() && visit.internet() && charged.settleMode() == SettleMode.PRE_SETTLE
                && charged.setlinfo() != null) {
            return Optional.of(open(visit, charged.setlinfo()));
        }
        return orders.latest(visit.institutionCode(), visit.visitNo());
    }

    /** A new order for the visit; an earlier one still waiting is superseded (the fees may have changed). */
    PaymentOrder open(Visit visit, SettlementInfo pre) {
        OffsetDateTime now = now();
        for (PaymentOrder earlier : orders.byVisit(visit.institutionCode(), visit.visitNo())) {
            orders.transition(earlier.orderId(), PaymentStatus.CREATED, PaymentStatus.ABANDONED,
                    "superseded by a new pre-settlement", now);
        }
        PaymentOrder order = new PaymentOrder("PO" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                visit.institutionCode(), visit.visitNo(), pre.mdtrtId(), pre.psnNo(), write(visit),
                amount(pre.medfeeSumamt()), amount(pre.fundPaySumamt()), amount(pre.acctPay()),
                amount(pre.psnCashPay()), PaymentStatus.CREATED, null, null, null, null, now,
                now.plus(Duration.ofMinutes(properties.orderMinutes())), now);
        orders.insert(order);
        log.info("mobile payment order {} for visit {}/{}: cash {}", order.orderId(), visit.institutionCode(),
                visit.visitNo(), order.cashPay());
        return order;
    }

    // ---------------------------------------------------------------- the patient's page

    /** The patient confirms: fund share (2207) and cash share, both or neither. Returns the order afterwards. */
    public PaymentOrder confirm(String orderId, CashOutcome cash) {
        PaymentOrder order = order(orderId);
        if (order.status() == PaymentStatus.CREATED && now().isAfter(order.expiresAt())) {
            orders.transition(orderId, PaymentStatus.CREATED, PaymentStatus.EXPIRED, "not paid in time", now());
            return order(orderId);
        }
        if (!orders.transition(orderId, PaymentStatus.CREATED, PaymentStatus.PAYING, null, now())) {
            return order(orderId);   // a second click, or another state already: nothing happens twice
        }
        Visit visit = settleVisit(order);
        ChargeResult settled;
        try {
            settled = flow.charge(visit);
        } catch (PlatformTimeoutException e) {
            String pending = pendingSettleMsgid(order);
            if (pending == null) {
                // 2203/2204 had no answer: no settlement was sent, nothing can be committed
                orders.transition(orderId, PaymentStatus.PAYING, PaymentStatus.FAILED,
                        "no answer before the fund settlement, nothing paid: " + e.getMessage(), now());
                return order(orderId);
            }
            // the fund part may be committed: undo it before telling the patient anything
            return reverse(order, pending, "no answer to the fund settlement: " + e.getMessage());
        } catch (PlatformRejectedException | PlatformUnavailableException | VisitStateException
                 | UnknownVisitException e) {
            orders.transition(orderId, PaymentStatus.PAYING, PaymentStatus.FAILED,
                    "fund settlement refused, nothing paid: " + e.getMessage(), now());
            return order(orderId);
        }
        SettlementInfo s = settled.setlinfo();
        orders.settled(orderId, s.medinsSetlId(), s.setlId(), amount(s.fundPaySumamt()), amount(s.acctPay()),
                amount(s.psnCashPay()), now());
        if (cash == CashOutcome.SUCCESS) {
            orders.transition(orderId, PaymentStatus.PAYING, PaymentStatus.PAID,
                    "fund " + s.fundPaySumamt() + " and cash " + s.psnCashPay() + " paid", now());
            return order(orderId);
        }
        return reverse(order, s.medinsSetlId(), cash == CashOutcome.FAIL
                ? "cash payment declined after the fund share was settled" : "cash payment timed out after the fund "
                + "share was settled");
    }

    /** The patient declines on the page: nothing was sent to the platform. */
    public PaymentOrder abandon(String orderId) {
        orders.transition(orderId, PaymentStatus.CREATED, PaymentStatus.ABANDONED, "declined by the patient", now());
        return order(orderId);
    }

    /** A paid visit is refunded: the settlement is cancelled (2208 + 2205), the cash goes back to the wallet. */
    public PaymentOrder refund(String orderId, Operator operator) {
        PaymentOrder order = order(orderId);
        if (order.status() != PaymentStatus.PAID) {
            throw new VisitStateException("order " + orderId + " is " + order.status() + ": only a paid order is "
                    + "refunded");
        }
        Visit visit = read(order.visitJson());
        Visit cancel = new Visit(visit.institutionCode(), visit.visitNo(), visit.mdtrtId(), visit.medType(),
                visit.insutype(), visit.begin(), visit.deptCode(), visit.deptName(), visit.doctorCode(),
                visit.doctorName(), visit.internet(), visit.person(), visit.diagnoses(), visit.fees(), SettleMode.CANCEL,
                visit.chrgBchno(), visit.acctUsedFlag(), visit.invoiceNo(), order.setlId(),
                operator == null ? MOBILE : operator);
        flow.cancelSettlement(cancel);
        orders.transition(orderId, PaymentStatus.PAID, PaymentStatus.REFUNDED,
                "settlement " + order.setlId() + " cancelled, cash " + order.cashPay() + " refunded", now());
        return order(orderId);
    }

    public Optional<PaymentOrder> find(String orderId) {
        return orders.find(orderId);
    }

    public Optional<PaymentOrder> latest(String institution, String visitNo) {
        return orders.latest(institution, visitNo);
    }

    public String payUrl(PaymentOrder order) {
        return properties.publicBaseUrl() + "/patient/pay/" + order.orderId();
    }

    // ---------------------------------------------------------------- the sweeper

    /** Expires unpaid orders, resolves orders stuck in PAYING, retries reversals that could not be sent. */
    public void sweep() {
        OffsetDateTime now = now();
        for (PaymentOrder o : orders.withStatus(PaymentStatus.CREATED)) {
            if (now.isAfter(o.expiresAt())) {
                orders.transition(o.orderId(), PaymentStatus.CREATED, PaymentStatus.EXPIRED, "not paid in time", now);
            }
        }
        for (PaymentOrder o : orders.withStatus(PaymentStatus.PAYING)) {
            if (o.updatedAt().plusSeconds(properties.stuckSeconds()).isBefore(now)) {
                resolveStuck(o);
            }
        }
        for (PaymentOrder o : orders.withStatus(PaymentStatus.REVERSING)) {
            retryReversal(o);
        }
    }

    /** A PAYING order nobody finished (the process died): whatever the fund part did is undone. */
    private void resolveStuck(PaymentOrder o) {
        Optional<GatewayVisit> visit = visits.find(o.institutionCode(), o.visitNo());
        String msgid = visit.filter(v -> v.status() == VisitStatus.SETTLE_PENDING || v.status() == VisitStatus.SETTLED)
                .map(GatewayVisit::settleMsgid).orElse(null);
        if (msgid == null) {
            orders.transition(o.orderId(), PaymentStatus.PAYING, PaymentStatus.FAILED,
                    "payment interrupted before the fund settlement; nothing paid", now());
            return;
        }
        reverse(o, msgid, "payment interrupted after the fund settlement was sent");
    }

    private void retryReversal(PaymentOrder o) {
        try {
            PlatformResponse answer = flow.reverse(o.settleMsgid(), MOBILE, true);
            orders.reversal(o.orderId(), answer.inf_refmsgid());
            orders.transition(o.orderId(), PaymentStatus.REVERSING, PaymentStatus.REVERSED, null, now());
        } catch (RuntimeException e) {
            log.warn("order {}: reversal of {} still not done: {}", o.orderId(), o.settleMsgid(), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** PAYING -> REVERSING -> (2601) -> REVERSED; left REVERSING (retried by the sweeper) if 2601 fails now. */
    private PaymentOrder reverse(PaymentOrder order, String settleMsgid, String why) {
        orders.settleMsgid(order.orderId(), settleMsgid);
        orders.transition(order.orderId(), PaymentStatus.PAYING, PaymentStatus.REVERSING, why, now());
        if (settleMsgid == null) {
            log.error("order {}: no settlement msgid to reverse", order.orderId());
            return order(order.orderId());
        }
        try {
            PlatformResponse answer = flow.reverse(settleMsgid, MOBILE, true);
            orders.reversal(order.orderId(), answer.inf_refmsgid());
            orders.transition(order.orderId(), PaymentStatus.REVERSING, PaymentStatus.REVERSED,
                    why + "; fund share reversed (2601)", now());
        } catch (RuntimeException e) {
            log.warn("order {}: reversal of {} failed, the sweeper retries: {}", order.orderId(), settleMsgid,
                    e.getMessage());
        }
        return order(order.orderId());
    }

    /** The 2207 sent for the visit and not known to be refused (the gateway writes its msgid before sending). */
    private String pendingSettleMsgid(PaymentOrder order) {
        return visits.find(order.institutionCode(), order.visitNo())
                .filter(v -> v.status() == VisitStatus.SETTLE_PENDING || v.status() == VisitStatus.SETTLED)
                .map(GatewayVisit::settleMsgid).orElse(null);
    }

    private Visit settleVisit(PaymentOrder order) {
        Visit v = read(order.visitJson());
        return new Visit(v.institutionCode(), v.visitNo(), v.mdtrtId(), v.medType(), v.insutype(), v.begin(),
                v.deptCode(), v.deptName(), v.doctorCode(), v.doctorName(), v.internet(), v.person(), v.diagnoses(),
                v.fees(), SettleMode.SETTLE, v.chrgBchno(), v.acctUsedFlag(), v.invoiceNo(), null, MOBILE);
    }

    private PaymentOrder order(String orderId) {
        return orders.find(orderId).orElseThrow(() -> new UnknownVisitException("no payment order " + orderId));
    }

    private String write(Visit visit) {
        try {
            return json.writeValueAsString(visit);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("visit not serialisable", e);
        }
    }

    private Visit read(String visitJson) {
        try {
            return json.readValue(visitJson, Visit.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored visit of an order is unreadable", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static BigDecimal amount(BigDecimal v) {
        return v == null ? BigDecimal.ZERO.setScale(2) : v;
    }
}
