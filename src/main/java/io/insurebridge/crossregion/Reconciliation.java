package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeProperties;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.*;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reconciliation of off-site settlements between the care place's node (this one, asking) and the insured place's
 * node, with the semantics of 3201 / 3202: first the day's totals per institution and insurance type
 * (medfee_sumamt, fund_pay_sumamt, acct_pay, fixmedins_setl_cnt); for every total that differs, the details, and
 * the records that differ (missing on one side, or other amounts) are reported.
 */
public class Reconciliation {
    static final String MATCH = "0";
    static final String MISMATCH = "1";

    private final JdbcTemplate jdbc;
    private final CrossRegionTransport transport;
    private final NodeProperties node;
    private final Duration wait;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    public Reconciliation(JdbcTemplate jdbc, CrossRegionTransport transport, NodeProperties node, Duration wait) {
        this.jdbc = jdbc;
        this.transport = transport;
        this.node = node;
        this.wait = wait;
    }

    /** One settled record as both sides see it. */
    public record Row(String setlId, String msgid, String fixmedinsCode, String insutype, BigDecimal medfeeSumamt,
                      BigDecimal fundPaySumamt, BigDecimal acctPay) {
        String group() {
            return fixmedinsCode + "/" + insutype;
        }

        boolean sameAmounts(Row o) {
            return medfeeSumamt.compareTo(o.medfeeSumamt) == 0 && fundPaySumamt.compareTo(o.fundPaySumamt) == 0
                    && acctPay.compareTo(o.acctPay) == 0;
        }
    }

    public record Totals(String fixmedinsCode, String insutype, BigDecimal medfeeSumamt, BigDecimal fundPaySumamt,
                         BigDecimal acctPay, int fixmedinsSetlCnt) {
        String group() {
            return fixmedinsCode + "/" + insutype;
        }

        boolean same(Totals o) {
            return o != null && medfeeSumamt.compareTo(o.medfeeSumamt) == 0
                    && fundPaySumamt.compareTo(o.fundPaySumamt) == 0 && acctPay.compareTo(o.acctPay) == 0
                    && fixmedinsSetlCnt == o.fixmedinsSetlCnt;
        }
    }

    /** A record that differs: ONLY_HERE, ONLY_AT_PEER or AMOUNTS_DIFFER (both versions given). */
    public record Difference(String kind, String setlId, String msgid, Row here, Row peer) {}

    public record Report(String peer, LocalDate date, String stmtRslt, String stmtRsltDscr, List<Totals> totalsHere,
                         List<Totals> totalsAtPeer, List<Difference> differences) {}

    /** Care side: reconciles the day's off-site settlements of persons insured at the peer's area. */
    public Report reconcile(String peer, LocalDate date) {
        List<Row> here = rows(node.admdvs(), peer, date);
        List<Totals> totals = totals(here);
        String id = "RC" + node.admdvs() + UUID.randomUUID().toString().replace("-", "");
        ObjectNode request = NodeJson.object();
        request.put("stmt_date", date.toString());
        request.set("totals", NodeJson.MAPPER.valueToTree(totals));
        CompletableFuture<String> answered = new CompletableFuture<>();
        waiting.put(id, answered);
        String answer;
        try {
            transport.send(peer, CrossRegionTransport.RECONCILE, id, NodeJson.write(request));
            answer = answered.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new PeerUnavailableException("peer node " + peer + " did not answer the reconciliation within "
                    + wait.toSeconds() + " s (link down?)");
        } catch (Exception e) {
            throw new IllegalStateException("reconciliation with " + peer + " failed: " + e.getMessage(), e);
        } finally {
            waiting.remove(id);
        }
        JsonNode a = read(answer);
        List<Totals> theirs = new ArrayList<>();
        a.path("totals").forEach(t -> theirs.add(NodeJson.MAPPER.convertValue(t, Totals.class)));
        List<Row> theirRows = new ArrayList<>();
        a.path("details").forEach(r -> theirRows.add(NodeJson.MAPPER.convertValue(r, Row.class)));
        Set<String> differing = differingGroups(totals, theirs);
        List<Difference> differences = differences(here.stream().filter(r -> differing.contains(r.group())).toList(),
                theirRows.stream().filter(r -> differing.contains(r.group())).toList());
        boolean match = differing.isEmpty();
        return new Report(peer, date, match ? MATCH : MISMATCH, match ? "totals agree"
                : differences.size() + " record(s) differ in " + differing, totals, theirs, differences);
    }

    /** Insured side: compares the care node's totals with ours and sends details of every group that differs. */
    String answer(String careAdmdvs, JsonNode request) {
        LocalDate date = LocalDate.parse(NodeCall.required(request, "stmt_date", "request"));
        List<Row> ours = rows(careAdmdvs, node.admdvs(), date);
        List<Totals> totals = totals(ours);
        List<Totals> theirs = new ArrayList<>();
        request.path("totals").forEach(t -> theirs.add(NodeJson.MAPPER.convertValue(t, Totals.class)));
        Set<String> differing = differingGroups(theirs, totals);
        ObjectNode out = NodeJson.object();
        out.put("stmt_rslt", differing.isEmpty() ? MATCH : MISMATCH);
        out.set("totals", NodeJson.MAPPER.valueToTree(totals));
        ArrayNode details = out.putArray("details");
        ours.stream().filter(r -> differing.contains(r.group())).forEach(r -> details.add(NodeJson.MAPPER.valueToTree(r)));
        return NodeJson.write(out);
    }

    boolean answered(String id, String body) {
        CompletableFuture<String> f = waiting.get(id);
        if (f == null) {
            return id.startsWith("RC");   // a late answer to a reconciliation nobody waits for any more
        }
        f.complete(body);
        return true;
    }

    /** Settled off-site records of the day: care area, insured area (same query at both nodes). */
    List<Row> rows(String careAdmdvs, String insuredAdmdvs, LocalDate date) {
        OffsetDateTime from = date.atStartOfDay(node.zone()).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(node.zone()).toOffsetDateTime();
        return jdbc.query("SELECT s.setl_id, s.msgid, s.fixmedins_code, s.insutype, s.medfee_sumamt, "
                        + "s.fund_pay_sumamt, s.acct_pay FROM node_settlement s JOIN node_visit v ON v.mdtrt_id = s.mdtrt_id "
                        + "WHERE v.mdtrtarea_admvs = ? AND v.insuplc_admdvs = ? AND s.status = 'SETTLED' "
                        + "AND s.setl_time >= ? AND s.setl_time < ? ORDER BY s.setl_id",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)),
                careAdmdvs, insuredAdmdvs, from, to);
    }

    static List<Totals> totals(List<Row> rows) {
        Map<String, Totals> byGroup = new TreeMap<>();
        for (Row r : rows) {
            Totals t = byGroup.get(r.group());
            byGroup.put(r.group(), t == null
                    ? new Totals(r.fixmedinsCode(), r.insutype(), r.medfeeSumamt(), r.fundPaySumamt(), r.acctPay(), 1)
                    : new Totals(t.fixmedinsCode(), t.insutype(), t.medfeeSumamt().add(r.medfeeSumamt()),
                            t.fundPaySumamt().add(r.fundPaySumamt()), t.acctPay().add(r.acctPay()),
                            t.fixmedinsSetlCnt() + 1));
        }
        return List.copyOf(byGroup.values());
    }

    static Set<String> differingGroups(List<Totals> care, List<Totals> insured) {
        Map<String, Totals> a = new HashMap<>();
        care.forEach(t -> a.put(t.group(), t));
        Map<String, Totals> b = new HashMap<>();
        insured.forEach(t -> b.put(t.group(), t));
        Set<String> groups = new TreeSet<>(a.keySet());
        groups.addAll(b.keySet());
        groups.removeIf(g -> a.get(g) != null && a.get(g).same(b.get(g)));
        return groups;
    }

    static List<Difference> differences(List<Row> here, List<Row> peer) {
        Map<String, Row> theirs = new LinkedHashMap<>();
        peer.forEach(r -> theirs.put(r.msgid(), r));
        List<Difference> out = new ArrayList<>();
        for (Row r : here) {
            Row t = theirs.remove(r.msgid());
            if (t == null) {
                out.add(new Difference("ONLY_HERE", r.setlId(), r.msgid(), r, null));
            } else if (!r.sameAmounts(t)) {
                out.add(new Difference("AMOUNTS_DIFFER", r.setlId(), r.msgid(), r, t));
            }
        }
        theirs.values().forEach(t -> out.add(new Difference("ONLY_AT_PEER", t.setlId(), t.msgid(), null, t)));
        return out;
    }

    private static JsonNode read(String body) {
        try {
            return NodeJson.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("reconciliation answer is not JSON", e);
        }
    }

    /** The peer could not be reached in time. */
    public static class PeerUnavailableException extends RuntimeException {
        PeerUnavailableException(String message) {
            super(message);
        }
    }
}
