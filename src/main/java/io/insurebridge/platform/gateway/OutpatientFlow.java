package io.insurebridge.platform.gateway;

import static io.insurebridge.platform.JsonFields.decimal;
import static io.insurebridge.platform.JsonFields.text;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.insurebridge.model.Operator;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import io.insurebridge.platform.EnvelopeFactory;
import io.insurebridge.platform.FeeResult;
import io.insurebridge.platform.FeeTotals;
import io.insurebridge.platform.FundPayment;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.PlatformUnavailableException;
import io.insurebridge.platform.SettlementInfo;
import io.insurebridge.platform.TransactionInputs;

/**
 * The gateway's outpatient conversation with the platform, shared by the HL7 and FHIR front doors:
 * register (1101, 2201), charge (2203, 2204, then 2206 or 2207), cancel (2208 + 2205, 2202), reverse (2601).
 * <p>
 * Every transaction is traced in platform_calls; the visit's state is kept in gateway_visits so a HIS retry gets the
 * stored answer instead of a second registration or settlement. A refusal surfaces as
 * {@link PlatformRejectedException}, a missing answer as {@link PlatformTimeoutException} ("pending").
 */
public class OutpatientFlow {

    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final EnvelopeFactory envelopes;
    private final TracedPlatform platform;
    private final GatewayVisitStore visits;
    private final PlatformCallLog calls;
    private final PlatformProperties properties;
    private final Clock clock;

    public OutpatientFlow(EnvelopeFactory envelopes, TracedPlatform platform, GatewayVisitStore visits,
                          PlatformCallLog calls, PlatformProperties properties, Clock clock) {
        this.envelopes = envelopes;
        this.platform = platform;
        this.visits = visits;
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- registration

    public RegistrationResult register(Visit visit) {
        Optional<GatewayVisit> known = visits.find(visit.institutionCode(), visit.visitNo());
        if (known.isPresent() && known.get().status() != VisitStatus.CANCELLED) {
            return known.get().registration();   // a HIS retry: never register twice
        }
        String institution = visit.institutionCode();
        PlatformRequest personQuery = envelopes.build("1101", institution, null, visit.operator(),
                TransactionInputs.personInfo1101(visit));
        PlatformResponse personAnswer = platform.send(personQuery, visit.visitNo());
        JsonNode baseinfo = output(personAnswer).path("baseinfo");
        String psnNo = text(baseinfo, "psn_no");
        JsonNode insurance = chooseInsurance(output(personAnswer).path("insuinfo"), visit.insutype(),
                personQuery.msgid());
        String insutype = text(insurance, "insutype");
        String insuplc = text(insurance, "insuplc_admdvs");

        // a 2201 whose answer was lost (timeout, or the instance that sent it died) is asked again with its msgid:
        // a new one would register the visit a second time on the platform
        Optional<PlatformCall> lost = unanswered(institution, visit.visitNo(), "2201");
        PlatformResponse registered = lost.isPresent() ? platform.resend(lost.get().msgid())
                : platform.send(envelopes.build("2201", institution, insuplc, visit.operator(),
                        TransactionInputs.registration2201(visit, psnNo, insutype)), visit.visitNo());
        String mdtrtId = text(output(registered).path("data"), "mdtrt_id");
        if (mdtrtId == null) {
            throw new PlatformRejectedException("2201", "the platform answered without mdtrt_id");
        }
        GatewayVisit saved = visits.saveRegistration(new GatewayVisit(0, institution, visit.visitNo(), psnNo,
                text(baseinfo, "psn_name"), insutype, insuplc, text(insurance, "psn_insu_stas"),
                decimal(insurance, "balc"), mdtrtId, visit.internet(), visit.medType(),
                visit.person().mdtrtCertType(), visit.person().mdtrtCertNo(), VisitStatus.REGISTERED, null, null, null,
                PlatformJson.write(output(personAnswer))));
        RegistrationResult result = saved.registration();
        return new RegistrationResult(result.psnNo(), result.psnName(), result.insutype(), result.insuplcAdmdvs(),
                result.balc(), result.mdtrtId(), result.psnInsuStas(), result.internet(),
                warnings(personAnswer, registered));
    }

    /** 1101 alone (a FHIR eligibility request): what the platform knows of the person; no visit is created. */
    public JsonNode personInfo(Visit visit) {
        PlatformRequest query = envelopes.build("1101", visit.institutionCode(), null, visit.operator(),
                TransactionInputs.personInfo1101(visit));
        return output(platform.send(query, visit.visitNo()));
    }

    public void cancelRegistration(Visit visit) {
        GatewayVisit registered = registeredVisit(visit);
        if (registered.status() == VisitStatus.CANCELLED) {
            return;
        }
        if (registered.status() == VisitStatus.SETTLED || registered.status() == VisitStatus.SETTLE_PENDING) {
            throw new VisitStateException("visit " + registered.visitNo() + " is " + registered.status()
                    + ": cancel (or reverse) the settlement first");
        }
        platform.send(envelopes.build("2202", registered.institutionCode(), registered.insuplcAdmdvs(),
                visit.operator(), TransactionInputs.cancelRegistration2202(registered.psnNo(), registered.mdtrtId(),
                        registered.visitNo())), registered.visitNo());
        visits.status(registered.id(), VisitStatus.CANCELLED);
    }

    // ---------------------------------------------------------------- charges and settlement

    public ChargeResult charge(Visit visit) {
        SettleMode mode = visit.settleMode() == null ? SettleMode.UPLOAD_ONLY : visit.settleMode();
        if (mode == SettleMode.CANCEL) {
            SettlementInfo reversal = cancelSettlement(visit);
            return new ChargeResult(reversal.mdtrtId(), mode, List.of(), reversal, List.of(), null);
        }
        GatewayVisit registered = registeredVisit(visit);
        switch (registered.status()) {
            case CANCELLED -> throw new VisitStateException("visit " + registered.visitNo()
                    + ": registration was cancelled");
            case SETTLE_PENDING -> {
                if (mode == SettleMode.SETTLE) {
                    if (calls.find(registered.settleMsgid()).isEmpty()) {
                        // recorded as pending, but the process died before sending it: nothing to ask, settle anew
                        visits.settlement(registered.id(), VisitStatus.FEES_UPLOADED, null, null);
                        return charge(visit);
                    }
                    return askAgain(registered);   // the HIS asks again for the settlement it was told is pending
                }
                throw new PlatformTimeoutException(registered.settleMsgid(), "2207", "settlement "
                        + registered.settleMsgid() + " still has no answer: ask again for it or reverse it (2601)");
            }
            case SETTLED -> {
                if (mode == SettleMode.SETTLE) {
                    return storedSettlement(registered);   // a HIS retry: never settle twice
                }
                throw new VisitStateException("visit " + registered.visitNo() + " is settled ("
                        + registered.setlId() + "): cancel the settlement first");
            }
            case FEES_UPLOADED, PRE_SETTLED -> replaceUnsettledFees(visit, registered);
            case REGISTERED -> { }
        }
        String institution = registered.institutionCode();
        String insuplc = registered.insuplcAdmdvs();
        String chrgBchno = chargeBatch(visit);
        List<PlatformResponse> answers = new ArrayList<>();

        answers.add(platform.send(envelopes.build("2203", institution, insuplc, visit.operator(),
                TransactionInputs.visitInfo2203(visit, registered.psnNo(), registered.mdtrtId())), visit.visitNo()));
        PlatformRequest upload = envelopes.build("2204", institution, insuplc, visit.operator(),
                TransactionInputs.feeDetail2204(visit, registered.psnNo(), registered.mdtrtId(), chrgBchno));
        // written before sending: from now on the fees may be on the platform, so a retry (after a timeout, or a
        // redelivery after this instance died mid-call) asks for this msgid's answer and withdraws them (2205) first
        // instead of repeating feedetl_sn
        visits.feesUploaded(registered.id(), upload.msgid());
        PlatformResponse uploaded;
        try {
            uploaded = platform.send(upload, visit.visitNo());
        } catch (PlatformRejectedException | PlatformUnavailableException e) {
            visits.status(registered.id(), VisitStatus.REGISTERED);   // certainly nothing stored
            throw e;
        }
        answers.add(uploaded);
        List<FeeResult> fees = feeResults(uploaded);
        if (mode == SettleMode.UPLOAD_ONLY) {
            return new ChargeResult(registered.mdtrtId(), mode, fees, null, List.of(), warnings(answers));
        }

        FeeTotals totals = FeeTotals.of(fees);
        boolean commit = mode == SettleMode.SETTLE;
        ObjectNode input = commit
                ? TransactionInputs.settlement2207(visit, registered.psnNo(), registered.mdtrtId(),
                        registered.insutype(), chrgBchno, properties.psnSetlway(), totals)
                : TransactionInputs.preSettlement2206(visit, registered.psnNo(), registered.mdtrtId(),
                        registered.insutype(), chrgBchno, properties.psnSetlway(), totals);
        PlatformRequest settle = envelopes.build(commit ? "2207" : "2206", institution, insuplc, visit.operator(),
                input);
        if (commit) {
            // written before sending: if the answer is lost, this msgid is what must be reversed
            visits.settlement(registered.id(), VisitStatus.SETTLE_PENDING, settle.msgid(), null);
        }
        PlatformResponse settled;
        try {
            settled = platform.send(settle, visit.visitNo());
        } catch (PlatformRejectedException | PlatformUnavailableException e) {
            // certainly not settled: the visit may settle again
            visits.settlement(registered.id(), VisitStatus.FEES_UPLOADED, null, null);
            throw e;
        }
        answers.add(settled);
        SettlementInfo setlinfo = SettlementInfo.from(output(settled).path("setlinfo"));
        visits.settlement(registered.id(), commit ? VisitStatus.SETTLED : VisitStatus.PRE_SETTLED, settle.msgid(),
                commit ? setlinfo.setlId() : null);
        return new ChargeResult(registered.mdtrtId(), mode, fees, setlinfo, fundPayments(settled), warnings(answers));
    }

    /** 2208 for the visit's settlement (the HIS's setl_id or the one stored), then 2205 "0000" for its fees. */
    public SettlementInfo cancelSettlement(Visit visit) {
        GatewayVisit registered = registeredVisit(visit);
        String setlId = visit.setlId() != null && !visit.setlId().isBlank() ? visit.setlId() : registered.setlId();
        if (setlId == null) {
            throw new VisitStateException("visit " + registered.visitNo() + " has no settlement to cancel");
        }
        PlatformResponse cancelled = platform.send(envelopes.build("2208", registered.institutionCode(),
                registered.insuplcAdmdvs(), visit.operator(),
                TransactionInputs.cancelSettlement2208(setlId, registered.mdtrtId(), registered.psnNo())),
                registered.visitNo());
        visits.settlement(registered.id(), VisitStatus.FEES_UPLOADED, null, null);
        platform.send(envelopes.build("2205", registered.institutionCode(), registered.insuplcAdmdvs(),
                visit.operator(), TransactionInputs.cancelFees2205(registered.mdtrtId(),
                        TransactionInputs.ALL_UNSETTLED, registered.psnNo())), registered.visitNo());
        visits.status(registered.id(), VisitStatus.REGISTERED);
        return SettlementInfo.from(output(cancelled).path("setlinfo"));
    }

    // ---------------------------------------------------------------- lost answers

    /**
     * A settlement whose answer was lost is asked for again with the same msgid: the platform returns the answer
     * it gave (a repeated msgid is never settled twice) or settles it now if the request never arrived.
     */
    private ChargeResult askAgain(GatewayVisit pending) {
        PlatformResponse settled;
        try {
            settled = platform.resend(pending.settleMsgid());
        } catch (PlatformRejectedException e) {
            visits.settlement(pending.id(), VisitStatus.FEES_UPLOADED, null, null);
            throw e;
        }
        SettlementInfo setlinfo = SettlementInfo.from(output(settled).path("setlinfo"));
        visits.settlement(pending.id(), VisitStatus.SETTLED, pending.settleMsgid(), setlinfo.setlId());
        return storedSettlement(visits.find(pending.institutionCode(), pending.visitNo()).orElseThrow());
    }

    /**
     * 2601 for a transaction whose answer never came (typically a 2207 after a timeout): the platform undoes it if
     * it was done. A settlement left pending by it goes back to "fees uploaded", ready to be settled again.
     */
    public PlatformResponse reverse(String lostMsgid, Operator operator) {
        return reverse(lostMsgid, operator, false);
    }

    /**
     * As {@link #reverse(String, Operator)}; with {@code answeredSettlement} also a 2207 that was answered but whose
     * visit cannot be completed on the hospital's side (e.g. the patient's cash payment failed after the fund part
     * was committed: mobile payment, io.insurebridge.patient.payment). The visit goes back to "fees uploaded".
     */
    public PlatformResponse reverse(String lostMsgid, Operator operator, boolean answeredSettlement) {
        PlatformCall lost = calls.find(lostMsgid)
                .orElseThrow(() -> new UnknownVisitException("no transaction with msgid " + lostMsgid));
        boolean answeredAllowed = answeredSettlement && "2207".equals(lost.infno())
                && lost.status() == CallStatus.ANSWERED;
        if (!answeredAllowed && lost.status() != CallStatus.TIMEOUT && lost.status() != CallStatus.SENT) {
            throw new VisitStateException(lost.infno() + " " + lostMsgid + " was " + lost.status()
                    + ": only a transaction without an answer is reversed");
        }
        if (lost.reversedBy() != null) {
            return calls.find(lost.reversedBy()).flatMap(PlatformCall::response)
                    .orElseThrow(() -> new VisitStateException(lostMsgid + " is being reversed by " + lost.reversedBy()));
        }
        PlatformRequest reversal = envelopes.build("2601", lost.institutionCode(), lost.insuplcAdmdvs(), operator,
                TransactionInputs.reversal2601(lost.psnNo(), lost.msgid(), lost.infno()));
        PlatformResponse answer = platform.send(reversal, lost.visitNo());
        calls.reversedBy(lostMsgid, reversal.msgid());
        if ("2207".equals(lost.infno()) && lost.visitNo() != null) {
            visits.find(lost.institutionCode(), lost.visitNo())
                    .filter(v -> (v.status() == VisitStatus.SETTLE_PENDING
                            || (answeredAllowed && v.status() == VisitStatus.SETTLED))
                            && lostMsgid.equals(v.settleMsgid()))
                    .ifPresent(v -> visits.settlement(v.id(), VisitStatus.FEES_UPLOADED, null, null));
        }
        return answer;
    }

    /** The stored transaction and its answer, for a HIS that was told "pending" and asks again. */
    public Optional<PlatformCall> storedCall(String msgid) {
        return calls.find(msgid);
    }

    // ---------------------------------------------------------------- helpers

    private GatewayVisit registeredVisit(Visit visit) {
        Optional<GatewayVisit> found = visit.mdtrtId() != null && !visit.mdtrtId().isBlank()
                ? visits.findByMdtrtId(visit.mdtrtId())
                : visits.find(visit.institutionCode(), visit.visitNo());
        return found.orElseThrow(() -> new UnknownVisitException("visit " + visit.institutionCode() + "/"
                + visit.visitNo() + (visit.mdtrtId() == null ? "" : " (mdtrt_id " + visit.mdtrtId() + ")")
                + " is not registered with the platform"));
    }

    /**
     * Fees uploaded earlier but not settled are withdrawn, so the new upload does not repeat feedetl_sn. An upload
     * whose answer was lost is asked for again first: then the fees are certainly there to withdraw (or it is
     * refused, and there is nothing to withdraw).
     */
    private void replaceUnsettledFees(Visit visit, GatewayVisit registered) {
        Optional<PlatformCall> upload = Optional.ofNullable(registered.feeMsgid()).flatMap(calls::find);
        if (registered.feeMsgid() != null && upload.isEmpty()) {
            // recorded before sending, but the process died before the upload left: nothing to withdraw
            visits.status(registered.id(), VisitStatus.REGISTERED);
            return;
        }
        if (upload.filter(OutpatientFlow::withoutAnswer).isPresent()) {
            try {
                platform.resend(upload.get().msgid());
            } catch (PlatformRejectedException refused) {
                visits.status(registered.id(), VisitStatus.REGISTERED);
                return;
            }
        }
        platform.send(envelopes.build("2205", registered.institutionCode(), registered.insuplcAdmdvs(),
                visit.operator(), TransactionInputs.cancelFees2205(registered.mdtrtId(),
                        TransactionInputs.ALL_UNSETTLED, registered.psnNo())), visit.visitNo());
        visits.status(registered.id(), VisitStatus.REGISTERED);
    }

    /** The visit's last {@code infno} transaction, if its answer never came and it was not reversed. */
    private Optional<PlatformCall> unanswered(String institution, String visitNo, String infno) {
        List<PlatformCall> same = calls.forVisit(institution, visitNo).stream()
                .filter(c -> infno.equals(c.infno())).toList();
        return same.isEmpty() ? Optional.empty()
                : Optional.of(same.get(same.size() - 1)).filter(OutpatientFlow::withoutAnswer);
    }

    private static boolean withoutAnswer(PlatformCall call) {
        return (call.status() == CallStatus.SENT || call.status() == CallStatus.TIMEOUT) && call.reversedBy() == null;
    }

    private ChargeResult storedSettlement(GatewayVisit registered) {
        PlatformResponse uploaded = storedAnswer(registered.feeMsgid());
        PlatformResponse settled = storedAnswer(registered.settleMsgid());
        return new ChargeResult(registered.mdtrtId(), SettleMode.SETTLE, feeResults(uploaded),
                SettlementInfo.from(output(settled).path("setlinfo")), fundPayments(settled),
                warnings(List.of(uploaded, settled)));
    }

    private PlatformResponse storedAnswer(String msgid) {
        return Optional.ofNullable(msgid).flatMap(calls::find).flatMap(PlatformCall::response)
                .orElseThrow(() -> new VisitStateException("stored answer of " + msgid + " is missing"));
    }

    /** The insurance the visit is for: the HIS's insutype if it named one, else the first active one. */
    private static JsonNode chooseInsurance(JsonNode insuinfo, String wantedInsutype, String msgid) {
        List<JsonNode> all = new ArrayList<>();
        insuinfo.forEach(all::add);
        Optional<JsonNode> chosen = wantedInsutype != null && !wantedInsutype.isBlank()
                ? all.stream().filter(i -> wantedInsutype.equals(text(i, "insutype"))).findFirst()
                : all.stream().filter(i -> "1".equals(text(i, "psn_insu_stas"))).findFirst()
                        .or(() -> all.stream().findFirst());
        return chosen.orElseThrow(() -> new PlatformRejectedException("1101", wantedInsutype == null
                ? "no insurance found for the person"
                : "the person has no insurance of type " + wantedInsutype, msgid));
    }

    private String chargeBatch(Visit visit) {
        if (visit.chrgBchno() != null && !visit.chrgBchno().isBlank()) {
            return visit.chrgBchno();
        }
        // the HIS gave none: one batch per upload, named after the visit and the moment
        return visit.visitNo() + BATCH_TIME.format(LocalDateTime.now(clock.withZone(properties.zone())));
    }

    private static List<FeeResult> feeResults(PlatformResponse uploaded) {
        List<FeeResult> fees = new ArrayList<>();
        output(uploaded).path("result").forEach(line -> fees.add(FeeResult.from(line)));
        return List.copyOf(fees);
    }

    private static List<FundPayment> fundPayments(PlatformResponse settled) {
        List<FundPayment> funds = new ArrayList<>();
        output(settled).path("setldetail").forEach(row -> funds.add(FundPayment.from(row)));
        return List.copyOf(funds);
    }

    /** Answers without output (2202, 2205, ...) read as an empty node. */
    private static JsonNode output(PlatformResponse answer) {
        return answer.output() == null ? PlatformJson.object() : answer.output();
    }

    private static String warnings(PlatformResponse... answers) { return warnings(List.of(answers)); }

    private static String warnings(List<PlatformResponse> answers) {
        Set<String> texts = new LinkedHashSet<>();
        for (PlatformResponse answer : answers) {
            if (answer.warn_msg() != null && !answer.warn_msg().isBlank()) {
                texts.add(answer.warn_msg());
            }
        }
        return texts.isEmpty() ? null : String.join("; ", texts);
    }
}
