package io.insurebridge.platform.gateway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;

/**
 * platform_calls: every transaction is written before it is sent and updated when its answer (or its timeout)
 * arrives. Each write commits on its own, deliberately: the trace must survive whatever fails after it.
 */
public class PlatformCallLog {

    private static final String COLUMNS = "msgid, infno, institution_code, visit_no, mdtrt_id, psn_no, insuplc_admdvs, "
            + "request_json, response_json, status, infcode, err_msg, reversed_by, sent_at, answered_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PlatformCallLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void sent(PlatformRequest request, String visitNo) {
        JsonNode input = request.input();
        jdbc.update("INSERT INTO platform_calls (msgid, infno, institution_code, visit_no, mdtrt_id, psn_no, "
                        + "insuplc_admdvs, request_json, status, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                request.msgid(), request.infno(), request.fixmedins_code(), visitNo, find(input, "mdtrt_id"),
                find(input, "psn_no"), request.insuplc_admdvs(), PlatformJson.write(request), CallStatus.SENT.name(),
                now());
    }

    public void answered(String msgid, PlatformResponse response) {
        CallStatus status = response.success() ? CallStatus.ANSWERED : CallStatus.REJECTED;
        jdbc.update("UPDATE platform_calls SET response_json = ?, status = ?, infcode = ?, err_msg = ?, answered_at = ? "
                        + "WHERE msgid = ?",
                PlatformJson.write(response), status.name(), response.infcode(), response.err_msg(), now(), msgid);
    }

    public void timedOut(String msgid) {
        jdbc.update("UPDATE platform_calls SET status = ? WHERE msgid = ? AND status = ?",
                CallStatus.TIMEOUT.name(), msgid, CallStatus.SENT.name());
    }

    public void failed(String msgid, String reason) {
        jdbc.update("UPDATE platform_calls SET status = ?, err_msg = ? WHERE msgid = ? AND status = ?",
                CallStatus.FAILED.name(), truncate(reason), msgid, CallStatus.SENT.name());
    }

    public void reversedBy(String msgid, String reversalMsgid) {
        jdbc.update("UPDATE platform_calls SET reversed_by = ? WHERE msgid = ?", reversalMsgid, msgid);
    }

    public Optional<PlatformCall> find(String msgid) {
        return jdbc.query("SELECT " + COLUMNS + " FROM platform_calls WHERE msgid = ?", PlatformCallLog::row, msgid)
                .stream().findFirst();
    }

    /** The visit's whole exchange with the platform, in the order it happened. */
    public List<PlatformCall> forVisit(String institutionCode, String visitNo) {
        return jdbc.query("SELECT " + COLUMNS + " FROM platform_calls WHERE institution_code = ? AND visit_no = ? "
                + "ORDER BY id", PlatformCallLog::row, institutionCode, visitNo);
    }

    private static PlatformCall row(ResultSet rs, int rowNum) throws SQLException {
        return new PlatformCall(rs.getString("msgid"), rs.getString("infno"), rs.getString("institution_code"),
                rs.getString("visit_no"), rs.getString("mdtrt_id"), rs.getString("psn_no"),
                rs.getString("insuplc_admdvs"), rs.getString("request_json"), rs.getString("response_json"),
                CallStatus.valueOf(rs.getString("status")), rs.getObject("infcode", Integer.class), rs.getString("err_msg"),
                rs.getString("reversed_by"), rs.getObject("sent_at", OffsetDateTime.class),
                rs.getObject("answered_at", OffsetDateTime.class));
    }

    /** psn_no / mdtrt_id sit in data, mdtrtinfo or feedetail[] depending on the transaction. */
    private static String find(JsonNode input, String field) {
        JsonNode value = input == null ? null : input.findValue(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private OffsetDateTime now() { return OffsetDateTime.now(clock); }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
    }
}
