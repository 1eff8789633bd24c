package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Subscriber "statistics": one fact per settlement or cancellation event (the event id is the key, so a
 * redelivered event counts once). A cancellation carries the reversal's negative amounts; its fund rows are the
 * original settlement's, negated.
 */
@Component("statisticsSubscriber")
public class StatisticsSubscriber {
    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public StatisticsSubscriber(JdbcTemplate jdbc, io.insurebridge.settlement.NodeProperties node) {
        this.jdbc = jdbc;
        this.zone = node.zone();
    }

    @Transactional
    public void onEvent(String json) {
        JsonNode e = Events.read(json);
        String type = e.path("event_type").asText();
        boolean cancellation = EventType.CANCELLATION.equals(type);
        if (!cancellation && !EventType.SETTLEMENT.equals(type)) {
            return;
        }
        String eventId = e.path("event_id").asText();
        String origEventId = cancellation ? EventType.SETTLEMENT + "-" + e.path("orig_setl_id").asText() : null;
        JsonNode a = e.path("amounts");
        String medType = e.path("med_type").asText(null);
        Boolean online = e.hasNonNull("online") ? e.get("online").asBoolean() : null;
        String insutype = e.path("insutype").asText(null);
        if (cancellation && (medType == null || online == null || insutype == null)) {
            var orig = jdbc.queryForList("SELECT med_type, online, insutype FROM fanout_stat_fact WHERE event_id = ?",
                    origEventId).stream().findFirst();
            medType = medType != null ? medType : orig.map(r -> (String) r.get("med_type")).orElse("");
            online = online != null ? online : orig.map(r -> (Boolean) r.get("online")).orElse(false);
            insutype = insutype != null ? insutype : orig.map(r -> (String) r.get("insutype")).orElse("");
        }
        LocalDate day = OffsetDateTime.parse(e.path("occurred_at").asText()).atZoneSameInstant(zone).toLocalDate();
        int inserted = jdbc.update("INSERT INTO fanout_stat_fact (event_id, event_type, setl_id, fixmedins_code, "
                        + "stat_day, med_type, online, insutype, medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", eventId, type,
                e.path("setl_id").asText(), e.path("fixmedins_code").asText(), day, medType == null ? "" : medType,
                online != null && online, insutype == null ? "" : insutype, amount(a, "medfee_sumamt"),
                amount(a, "fund_pay_sumamt"), amount(a, "acct_pay"), amount(a, "psn_cash_pay"));
        if (inserted == 0) {
            return; // already counted
        }
        if (cancellation && e.path("funds").isEmpty()) {
            jdbc.update("INSERT INTO fanout_stat_fund (event_id, fund_pay_type, fund_payamt) "
                    + "SELECT ?, fund_pay_type, -fund_payamt FROM fanout_stat_fund WHERE event_id = ?", eventId,
                    origEventId);
            return;
        }
        for (JsonNode f : e.path("funds")) {
            jdbc.update("INSERT INTO fanout_stat_fund (event_id, fund_pay_type, fund_payamt) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", eventId, f.path("fund_pay_type").asText(), amount(f, "fund_payamt"));
        }
    }

    private static BigDecimal amount(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? BigDecimal.ZERO : new BigDecimal(v.asText());
    }
}
