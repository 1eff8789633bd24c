package io.insurebridge.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.hl7.Hl7Parser;
import io.insurebridge.mapping.FieldConventions;
import io.insurebridge.mapping.Hl7Translator;
import io.insurebridge.mapping.TranslationResult;
import io.insurebridge.platform.gateway.PlatformCall;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The message browser's data: a search over the message store and one message side by side (raw, internal model,
 * national transactions with their answers, final answer, hops with timing), every text masked.
 */
@Component
public class MessageView {

    public record Search(String controlId, String msgid, String institution, String person, MessageStatus status,
                        String type, OffsetDateTime from, OffsetDateTime to, int page) {}

    public record Row(long id, String connector, String institution, String controlId, String type, String status,
                      String ackCode, String person, OffsetDateTime receivedAt) {}

    public record Call(String msgid, String infno, String status, Integer infcode, String errMsg, String request,
                       String response, OffsetDateTime sentAt, Long tookMs) {}

    public record Hop(OffsetDateTime at, String hop, String detail, long sinceReceivedMs, long sincePreviousMs) {}

    public record Detail(long id, String connector, String protocol, String institution, String controlId,
                         String type, String status, String reason, String queue, String ackCode,
                         OffsetDateTime receivedAt, OffsetDateTime updatedAt, String raw, String model,
                         List<Call> calls, String ack, Map<String, String> figures, List<Hop> hops,
                         boolean redrivable, List<Long> deadLetters) {}

    /** The settlement figures a ZST segment of the final ACK carries (field number -> national field name). */
    private static final Map<Integer, String> ZST_FIELDS = zstFields();

    public static final int PAGE_SIZE = 50;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final MessageStore store;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<ConnectorRegistry> connectors;
    private final ObjectProvider<Hl7Translator> translator;
    private final Hl7Parser parser = new Hl7Parser();

    public MessageView(MessageStore store, JdbcTemplate jdbc, ObjectProvider<ConnectorRegistry> connectors,
                       ObjectProvider<Hl7Translator> translator) {
        this.store = store;
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.translator = translator;
    }

    public List<Row> search(Search q) {
        StringBuilder sql = new StringBuilder("SELECT id FROM messages WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (present(q.controlId())) {
            sql.append(" AND control_id = ?");
            args.add(q.controlId().trim());
        }
        if (present(q.msgid())) {
            // the national msgid of any transaction the message caused: platform_calls knows its visit
            Optional<String[]> visit = jdbc.query("SELECT institution_code, visit_no FROM platform_calls WHERE msgid = ?",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, q.msgid().trim()).stream().findFirst();
            if (visit.isPresent() && visit.get()[1] != null) {
                sql.append(" AND (msgid = ? OR (sending_facility = ? AND raw LIKE ?))");
                args.add(q.msgid().trim());
                args.add(visit.get()[0]);
                args.add("%|" + visit.get()[1] + "%");
            } else {
                sql.append(" AND msgid = ?");
                args.add(q.msgid().trim());
            }
        }
        if (present(q.institution())) {
            sql.append(" AND sending_facility = ?");
            args.add(q.institution().trim());
        }
        if (present(q.person())) {
            // an ID number or a name typed by the operator: found in the raw text, shown masked
            sql.append(" AND raw LIKE ?");
            args.add("%" + q.person().trim() + "%");
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (present(q.type())) {
            sql.append(" AND message_type LIKE ?");
            args.add(q.type().trim() + "%");
        }
        if (q.from() != null) {
            sql.append(" AND received_at >= ?");
            args.add(Timestamp.from(q.from().toInstant()));
        }
        if (q.to() != null) {
            sql.append(" AND received_at < ?");
            args.add(Timestamp.from(q.to().toInstant()));
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(PAGE_SIZE);
        args.add((long) Math.max(0, q.page()) * PAGE_SIZE);
        List<Long> ids = jdbc.queryForList(sql.toString(), Long.class, args.toArray());
        List<Row> rows = new ArrayList<>();
        for (long id : ids) {
            store.find(id).ifPresent(m -> rows.add(new Row(m.id(), m.connector(), m.sendingFacility(), m.controlId(),
                    m.messageType(), m.status().name(), m.ackCode(), person(m.raw()), m.receivedAt())));
        }
        return rows;
    }

    public Optional<Detail> detail(long id) {
        return store.findWithHops(id).map(this::detail);
    }

    private Detail detail(StoredMessage m) {
        List<PlatformCall> calls = callsOf(m);
        List<String> texts = new ArrayList<>(List.of(nz(m.raw()), nz(m.ack())));
        calls.forEach(c -> {
            texts.add(nz(c.requestJson()));
            texts.add(nz(c.responseJson()));
        });
        Set<String> names = new LinkedHashSet<>(ConsoleMasking.namesIn(texts.toArray(String[]::new)));
        List<Call> callViews = calls.stream().map(c -> new Call(c.msgid(), c.infno(), c.status().name(), c.infcode(),
                ConsoleMasking.mask(c.errMsg(), names), ConsoleMasking.mask(pretty(c.requestJson()), names),
                ConsoleMasking.mask(pretty(c.responseJson()), names), c.sentAt(),
                c.sentAt() == null || c.answeredAt() == null ? null
                        : Duration.between(c.sentAt(), c.answeredAt()).toMillis())).toList();
        return new Detail(m.id(), m.connector(), m.protocol(), m.sendingFacility(), m.controlId(), m.messageType(),
                m.status().name(), ConsoleMasking.mask(m.reason(), names), m.queue(), m.ackCode(), m.receivedAt(),
                m.updatedAt(), ConsoleMasking.mask(m.raw(), names).replace("\r", "\n"),
                ConsoleMasking.mask(model(m), names), callViews,
                ConsoleMasking.mask(m.ack() == null ? null : m.ack().replace("\r", "\n"), names), figures(m.ack()), hops(m),
                m.status() != MessageStatus.PROCESSED, deadLetters(m.id()));
    }

    /** Dead letters of this message still waiting for a retry (their headers name the stored message). */
    private List<Long> deadLetters(long id) {
        return jdbc.queryForList("SELECT id FROM dead_letters WHERE status = 'DEAD' AND headers LIKE ? ORDER BY id",
                Long.class, "%\"" + io.insurebridge.inbound.hl7.QueueSender.HEADER_MESSAGE_ID + "\":\"" + id + "\"%");
    }

    /** What the message became in the internal model (re-translated with the mappings in force). */
    private String model(StoredMessage m) {
        if (!"HL7v2".equalsIgnoreCase(m.protocol())) {
            return "(" + m.protocol() + ": the resource above is the model's source; see the national transactions)";
        }
        try {
            ConnectorRegistry registry = connectors.getIfAvailable();
            Hl7Translator t = translator.getIfAvailable();
            ConnectorDefinition c = registry == null ? null : registry.get(m.connector());
            if (t == null || c == null) {
                return "(connector " + m.connector() + " is no longer configured)";
            }
            TranslationResult r = t.translate(parser.parse(m.raw()), c.institution(), FieldConventions.of(c.conventions()));
            return JSON.writeValueAsString(r);
        } catch (Exception e) {
            return "(not translatable now: " + e.getMessage() + ")";
        }
    }

    /** The national transactions of the message's visit sent while the message was being processed. */
    private List<PlatformCall> callsOf(StoredMessage m) {
        String visit = field(m.raw(), "PV1", 19);
        if (visit == null || visit.isBlank() || m.receivedAt() == null) {
            return List.of();
        }
        OffsetDateTime from = m.receivedAt().minusSeconds(1);
        OffsetDateTime to = (m.updatedAt() == null ? m.receivedAt() : m.updatedAt()).plusSeconds(1);
        return jdbc.query("SELECT msgid, infno, institution_code, visit_no, mdtrt_id, psn_no, insuplc_admdvs, "
                        + "request_json, response_json, status, infcode, err_msg, reversed_by, sent_at, answered_at "
                        + "FROM platform_calls WHERE institution_code = ? AND visit_no = ? AND sent_at >= ? AND sent_at <= ? "
                        + "ORDER BY id",
                (rs, n) -> new PlatformCall(rs.getString("msgid"), rs.getString("infno"),
                        rs.getString("institution_code"), rs.getString("visit_no"), rs.getString("mdtrt_id"),
                        rs.getString("psn_no"), rs.getString("insuplc_admdvs"), rs.getString("request_json"),
                        rs.getString("response_json"),
                        io.insurebridge.platform.gateway.CallStatus.valueOf(rs.getString("status")),
                        rs.getObject("infcode", Integer.class), rs.getString("err_msg"), rs.getString("reversed_by"),
                        time(rs.getTimestamp("sent_at")), time(rs.getTimestamp("answered_at"))),
                m.sendingFacility(), visit, Timestamp.from(from.toInstant()), Timestamp.from(to.toInstant()));
    }

    static Map<String, String> figures(String ack) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ack == null) {
            return out;
        }
        for (String line : ack.split("[\r\n]+")) {
            if (line.startsWith("ZST|")) {
                String[] f = line.split("\\|", -1);
                ZST_FIELDS.forEach((n, name) -> {
                    if (n < f.length && !f[n].isEmpty()) {
                        out.put(name, f[n]);
                    }
                });
            }
        }
        return out;
    }

    private static Map<Integer, String> zstFields() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(17, "mode");
        m.put(1, "setl_id");
        m.put(3, "medfee_sumamt");
        m.put(4, "fulamt_ownpay_amt");
        m.put(5, "overlmt_selfpay");
        m.put(6, "preselfpay_amt");
        m.put(7, "inscp_scp_amt");
        m.put(8, "act_pay_dedc");
        m.put(9, "hifp_pay");
        m.put(12, "fund_pay_sumamt");
        m.put(13, "psn_part_amt");
        m.put(14, "acct_pay");
        m.put(15, "psn_cash_pay");
        m.put(16, "balc");
        return m;
    }

    private static List<Hop> hops(StoredMessage m) {
        List<Hop> out = new ArrayList<>();
        OffsetDateTime previous = m.receivedAt();
        for (StoredMessage.Hop h : m.hops()) {
            long since = m.receivedAt() == null ? 0 : Duration.between(m.receivedAt(), h.at()).toMillis();
            long step = previous == null ? 0 : Duration.between(previous, h.at()).toMillis();
            out.add(new Hop(h.at(), h.hop(), ConsoleMasking.mask(h.detail()), since, step));
            previous = h.at();
        }
        return out;
    }

    /** The masked person of a message for the result list: PID-3 ID and PID-5 name. */
    static String person(String raw) {
        String id = field(raw, "PID", 3);
        String name = field(raw, "PID", 5);
        String idPart = id == null ? "" : ConsoleMasking.mask(id.split("\\^")[0]);
        String namePart = name == null || name.isBlank() ? "" : ConsoleMasking.name(name.split("\\^")[0]);
        return (namePart + " " + idPart).trim();
    }

    static String field(String hl7, String segment, int n) {
        if (hl7 == null) {
            return null;
        }
        for (String line : hl7.split("[\r\n]+")) {
            if (line.startsWith(segment + "|")) {
                String[] f = line.split("\\|", -1);
                return n < f.length ? f[n] : null;
            }
        }
        return null;
    }

    private static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (Exception e) {
            return json;
        }
    }

    private static OffsetDateTime time(Timestamp ts) {
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
