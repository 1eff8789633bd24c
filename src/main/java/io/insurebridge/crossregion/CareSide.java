package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.AwaitingRemote;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeProperties;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.OffSite;
import io.insurebridge.settlement.policy.ItemClassification;
import io.insurebridge.settlement.policy.PolicyRefusal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The care place's side of off-site settlement. A 1101 for a person of a peer's area and the 2206/2207 of their
 * visits are asked of the insured place's node over the durable cross-region queue; the answer, once in, is
 * used by the node's own transaction (recorded, idempotent by msgid). Until then the request waits durably and
 * its caller is told "pending" after {@code insurebridge.crossregion.answer-wait}.
 */
public class CareSide implements OffSite {
    private final PeerDirectory peers;
    private final CrossRegionStore store;
    private final CrossRegionTransport transport;
    private final CrossRegionProperties properties;
    private final NodeProperties node;
    private final RemotePersons remotePersons;
    private final TransactionTemplate ownTransaction;
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    /** set while this node answers a request that came from a peer: such a request is never forwarded again */
    private final ThreadLocal<Boolean> answeringPeer = ThreadLocal.withInitial(() -> false);

    public CareSide(PeerDirectory peers, CrossRegionStore store, CrossRegionTransport transport,
                    CrossRegionProperties properties, NodeProperties node, RemotePersons remotePersons,
                    PlatformTransactionManager txManager) {
        this.peers = peers;
        this.store = store;
        this.transport = transport;
        this.properties = properties;
        this.node = node;
        this.remotePersons = remotePersons;
        this.ownTransaction = new TransactionTemplate(txManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public MappingSnapshot mappings(MappingSnapshot snapshot) {
        return remotePersons.merged(snapshot);
    }

    @Override
    public boolean insuredElsewhere(InsuredPerson person) {
        return !answeringPeer.get() && !node.admdvs().equals(person.insuplcAdmdvs())
                && peers.forArea(person.insuplcAdmdvs()).isPresent();
    }

    @Override
    public Optional<NodeTransaction.Outcome> personInfo(NodeCall call, Optional<InsuredPerson> local) {
        if (answeringPeer.get()) {
            return Optional.empty();
        }
        JsonNode data = call.data();
        String type = NodeCall.text(data, "mdtrt_cert_type");
        String no = NodeCall.text(data, "mdtrt_cert_no");
        String certno = NodeCall.text(data, "certno");
        String certType = certno != null ? NodeCall.text(data, "psn_cert_type") : null;
        if (certno == null && ("02".equals(type) || "03".equals(type))) {
            certno = no;
            certType = "02".equals(type) ? "01" : null;   // an ID card's number is a resident ID (psn_cert_type 01)
        }
        Optional<PeerNode> peer = local.isPresent()
                ? (insuredElsewhere(local.get()) ? peers.forArea(local.get().insuplcAdmdvs()) : Optional.empty())
                : peers.forCredential(certType, certno, "01".equals(type) ? no : null);
        if (peer.isEmpty() || node.admdvs().equals(peer.get().admdvs())) {
            return Optional.empty();
        }
        PlatformResponse answer = answerOf(call, peer.get(), CrossRegionTransport.ENVELOPE,
                NodeJson.write(call.request()), null);
        ObjectNode output = answer.output() == null ? NodeJson.object() : answer.output();
        remotePersons.remember(output, "01".equals(type) ? no : null, call.receivedAt());
        return Optional.of(new NodeTransaction.Outcome(output, answer.warn_msg()));
    }

    @Override
    public Settled settle(NodeCall call, Visit visit) {
        String insured = visit.person().insuplcAdmdvs();
        PeerNode peer = peers.forArea(insured).orElseThrow(() -> new PolicyRefusal("No peer node for insured place "
                + insured));
        if (store.request(call.msgid()).isEmpty()) {
            store.waitingSettlement(visit.visit().mdtrtId()).filter(other -> !other.equals(call.msgid()))
                    .ifPresent(other -> {
                        throw new PolicyRefusal("Visit " + visit.visit().mdtrtId() + " has a settlement (msgid "
                                + other + ") waiting for the insured place's node " + insured
                                + ": ask again for that msgid");
                    });
        }
        PlatformResponse answer = answerOf(call, peer, CrossRegionTransport.SETTLE,
                NodeJson.write(settleRequest(call, visit)), visit.visit().mdtrtId());
        ObjectNode output = answer.output();
        return new Settled(output, SettlementJson.amounts(output), NodeCall.text(output.path("setlinfo"), "setl_id"),
                answer.warn_msg());
    }

    /**
     * 2208 / 2601 of a 2207 that went to the insured place's node (a crossregion_request row of infno 2207 is the
     * mark, whatever the state of its answer here): the reversal is forwarded to that node, which restores its
     * person's state, and its answer is used here. A request that came from a peer is never forwarded again.
     */
    @Override
    public Optional<NodeTransaction.Outcome> reverse(NodeCall call, String omsgid) {
        if (answeringPeer.get() || omsgid == null) {
            return Optional.empty();
        }
        Optional<CrossRegionStore.Request> original = store.request(omsgid).filter(r -> "2207".equals(r.infno()));
        if (original.isEmpty()) {
            return Optional.empty();
        }
        String insured = original.get().peerAdmdvs();
        PeerNode peer = peers.forArea(insured).orElseThrow(() -> new PolicyRefusal("Settlement " + omsgid
                + " was made by the insured place's node " + insured + ", which is no peer of this node any more"));
        JsonNode settled = NodeJson.MAPPER.createObjectNode();
        try {
            settled = NodeJson.MAPPER.readTree(original.get().request()).path("input").path("data");
        } catch (Exception e) {
            // the stored envelope is ours; without it the insured node finds the person from its settlement
        }
        ObjectNode r = NodeJson.object();
        r.put("msgid", call.msgid());
        r.put("infno", call.infno());
        r.put("omsgid", omsgid);
        r.put("care_admdvs", node.admdvs());
        r.put("psn_no", NodeCall.text(settled, "psn_no"));
        r.put("mdtrt_id", original.get().mdtrtId());
        PlatformResponse answer = answerOf(call, peer, CrossRegionTransport.REVERSE, NodeJson.write(r),
                original.get().mdtrtId());
        ObjectNode output = answer.output() == null ? NodeJson.object() : answer.output();
        return Optional.of(new NodeTransaction.Outcome(output, answer.warn_msg()));
    }

    /**
     * The peer's answer to this msgid if it is in; else the request goes (again: duplicates are dropped) to the
     * local durable queue of the peer and the node waits for it outside its transaction.
     */
    private PlatformResponse answerOf(NodeCall call, PeerNode peer, String type, String body, String mdtrtId) {
        Optional<CrossRegionStore.Request> row = store.request(call.msgid());
        if (row.isPresent() && row.get().answer() != null) {
            PlatformResponse answer = NodeJson.response(row.get().answer());
            if (answer.infcode() != PlatformResponse.SUCCESS) {
                throw new PolicyRefusal(answer.err_msg() == null ? "Refused by the insured place's node "
                        + peer.admdvs() : answer.err_msg());
            }
            return answer;
        }
        CompletableFuture<Void> answered = waiting.computeIfAbsent(call.msgid(), k -> new CompletableFuture<>());
        // committed on its own: the request must survive this transaction's rollback
        ownTransaction.executeWithoutResult(s -> store.insertIfAbsent(call.msgid(), call.infno(), peer.admdvs(),
                mdtrtId, NodeJson.write(call.request()), call.receivedAt()));
        transport.send(peer.admdvs(), type, call.msgid(), body);
        throw new AwaitingRemote("PENDING: waiting for the insured place's settlement node " + peer.admdvs()
                + " (msgid " + call.msgid() + "); ask again with the same msgid", answered, properties.answerWait());
    }

    /** The peer's answer arrived: wakes a request waiting for it. */
    void answered(String msgid) {
        CompletableFuture<Void> f = waiting.remove(msgid);
        if (f != null) {
            f.complete(null);
        }
    }

    /** Runs work (a request that came from a peer) so that nothing in it is forwarded again. */
    <T> T answeringPeer(java.util.function.Supplier<T> work) {
        answeringPeer.set(true);
        try {
            return work.get();
        } finally {
            answeringPeer.remove();
        }
    }

    private ObjectNode settleRequest(NodeCall call, Visit v) {
        ObjectNode r = NodeJson.object();
        r.put("msgid", call.msgid());
        r.put("infno", call.infno());
        r.put("care_admdvs", v.visit().mdtrtareaAdmvs());
        Institution i = v.institution();
        ObjectNode inst = r.putObject("institution");
        inst.put("code", i.code());
        inst.put("name", i.name());
        inst.put("admdvs", i.admdvs());
        inst.put("level", i.level());
        inst.put("agreement", i.agreement());
        inst.put("internet_agreement", i.internetAgreement());
        r.put("mdtrt_id", v.visit().mdtrtId());
        r.put("psn_no", v.person().psnNo());
        r.put("insutype", v.person().insutype());
        r.put("med_type", v.medType());
        r.put("main_diag", v.visit().mainDiag());
        r.put("begntime", v.visit().begntime().toString());
        r.put("internet", v.visit().internet());
        r.put("follow_up", v.followUp());
        r.put("acct_used_flag", v.acctUsedFlag());
        r.put("mdtrt_cert_type", v.mdtrtCertType());
        r.put("atddr_no", v.visit().atddrNo());
        r.put("ipt_otp_no", v.visit().iptOtpNo());
        r.put("commit", v.commit());
        ArrayNode items = r.putArray("items");
        for (ItemClassification item : v.items()) {
            items.add(NodeJson.MAPPER.valueToTree(item));
        }
        return r;
    }
}
