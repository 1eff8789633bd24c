package io.insurebridge.fanout;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GET /api/statistics (+ .csv) and /api/statistics/funds (+ .csv): filters from, to (yyyy-MM-dd),
 * fixmedins_code; group_by a comma list of institution, day, med_type, online, insutype (default all of them).
 */
@RestController
@RequestMapping("/api")
public class StatisticsController {
    private final StatisticsQuery query;

    public StatisticsController(StatisticsQuery query) {
        this.query = query;
    }

    @GetMapping("/statistics")
    public List<Map<String, Object>> summary(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @RequestParam(name = "fixmedins_code", required = false) String institution,
                                             @RequestParam(name = "group_by", required = false) String groupBy) {
        return query.summary(new StatisticsQuery.Filter(from, to, institution), groupBy(groupBy));
    }

    @GetMapping(value = "/statistics.csv", produces = "text/csv")
    public ResponseEntity<String> summaryCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @RequestParam(name = "fixmedins_code", required = false) String institution,
                                             @RequestParam(name = "group_by", required = false) String groupBy) {
        List<String> dims = groupBy(groupBy);
        return csv("statistics.csv", StatisticsQuery.columns(dims),
                query.summary(new StatisticsQuery.Filter(from, to, institution), dims));
    }

    @GetMapping("/statistics/funds")
    public List<Map<String, Object>> funds(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                           @RequestParam(name = "fixmedins_code", required = false) String institution,
                                           @RequestParam(name = "group_by", required = false, defaultValue = "institution") String groupBy) {
        return query.funds(new StatisticsQuery.Filter(from, to, institution), groupBy(groupBy));
    }

    @GetMapping(value = "/statistics/funds.csv", produces = "text/csv")
    public ResponseEntity<String> fundsCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                           @RequestParam(name = "fixmedins_code", required = false) String institution,
                                           @RequestParam(name = "group_by", required = false, defaultValue = "institution") String groupBy) {
        List<String> dims = groupBy(groupBy);
        List<String> columns = new java.util.ArrayList<>(dims);
        columns.add("fund_pay_type");
        columns.add("fund_payamt");
        return csv("statistics-funds.csv", columns,
                query.funds(new StatisticsQuery.Filter(from, to, institution), dims));
    }

    static List<String> groupBy(String groupBy) {
        if (groupBy == null) {
            return List.copyOf(StatisticsQuery.DIMENSIONS.keySet());
        }
        if (groupBy.isBlank()) {
            return List.of();
        }
        List<String> dims = Arrays.stream(groupBy.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String d : dims) {
            if (!StatisticsQuery.DIMENSIONS.containsKey(d)) {
                throw new BadRequest("group_by '" + d + "' is not one of " + StatisticsQuery.DIMENSIONS.keySet());
            }
        }
        return dims;
    }

    private static ResponseEntity<String> csv(String file, List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> row : rows) {
            out.append(String.join(",", columns.stream().map(c -> cell(row.get(c))).toList())).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(out.toString());
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
