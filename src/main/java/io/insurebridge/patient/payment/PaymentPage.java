package io.insurebridge.patient.payment;

import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.math.BigDecimal;

/**
 * The simulated payment page the patient opens on the phone (plain server-rendered HTML, no script, no CDN):
 * {@code GET /patient/pay/{order}} shows the figures, {@code POST .../confirm} pays (the demo wallet's answer can be
 * chosen: success, fail, timeout), {@code POST .../abandon} declines. Each POST answers with a redirect to the page.
 */
@RestController
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class PaymentPage {
    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final MobilePayments payments;
    private final MappingSource mappings;

    public PaymentPage(MobilePayments payments, MappingSource mappings) {
        this.payments = payments;
        this.mappings = mappings;
    }

    @GetMapping("/patient/pay/{orderId}")
    public ResponseEntity<String> page(@PathVariable String orderId) {
        return payments.find(orderId).map(o -> ResponseEntity.ok().contentType(HTML).body(render(o)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                        .body(shell("订单不存在", "<p>No payment order " + h(orderId) + ".</p>")));
    }

    @PostMapping("/patient/pay/{orderId}/confirm")
    public ResponseEntity<Void> confirm(@PathVariable String orderId,
                                        @RequestParam(name = "wallet", required = false) String wallet) {
        payments.confirm(orderId, CashOutcome.parse(wallet));
        return back(orderId);
    }

    @PostMapping("/patient/pay/{orderId}/abandon")
    public ResponseEntity<Void> abandon(@PathVariable String orderId) {
        payments.abandon(orderId);
        return back(orderId);
    }

    private static ResponseEntity<Void> back(String orderId) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/patient/pay/" + orderId)
                .build();
    }

    private String render(PaymentOrder o) {
        String institution = mappings.current().institution(o.institutionCode()).map(Institution::name)
                .orElse(o.institutionCode());
        StringBuilder body = new StringBuilder();
        body.append("<p class=inst>").append(h(institution)).append("</p>");
        body.append("<table>");
        row(body, "订单号 Order", h(o.orderId()));
        row(body, "就诊号 Visit", h(o.visitNo()));
        row(body, "医疗费总额 Total", money(o.medfeeSumamt()));
        row(body, "医保基金支付 Fund", money(o.fundPaySumamt()));
        row(body, "个人账户支付 Account", money(o.acctPay()));
        row(body, "需现金支付 Cash to pay", money(o.cashPay()));
        row(body, "状态 Status", "<b id=status>" + h(o.status().name()) + "</b>");
        if (o.reason() != null) {
            row(body, "说明 Note", h(o.reason()));
        }
        if (o.setlId() != null) {
            row(body, "结算编号 setl_id", h(o.setlId()));
        }
        body.append("</table>");
        if (o.status() == PaymentStatus.CREATED) {
            String base = "/patient/pay/" + h(o.orderId());
            body.append("<form method=post action=\"").append(base).append("/confirm\">")
                    .append("<label>演示钱包结果 Demo wallet: <select name=wallet>")
                    .append("<option value=SUCCESS>成功 success</option><option value=FAIL>失败 fail</option>")
                    .append("<option value=TIMEOUT>超时 timeout</option></select></label>")
                    .append("<button type=submit>确认支付 Pay ").append(money(o.cashPay())).append("</button></form>")
                    .append("<form method=post action=\"").append(base).append("/abandon\">")
                    .append("<button type=submit class=secondary>放弃支付 Cancel</button></form>")
                    .append("<p class=small>请在 ").append(h(o.expiresAt().toString())).append(" 前完成支付</p>");
        }
        return shell("医保移动支付", body.toString());
    }

    private static void row(StringBuilder b, String label, String valueHtml) {
        b.append("<tr><th>").append(h(label)).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    private static String shell(String title, String body) {
        return "<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8>"
                + "<meta name=viewport content=\"width=device-width, initial-scale=1\"><title>" + h(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:28em;margin:1em auto;padding:0 1em}"
                + "table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.3em;border-bottom:1px solid #ddd}"
                + "button{width:100%;padding:.8em;margin:.4em 0;font-size:1.1em}.secondary{background:#eee}"
                + ".inst{font-weight:bold}.small{font-size:.8em;color:#666}</style></head><body><h1>" + h(title)
                + "</h1>" + body + "</body></html>";
    }

    private static String money(BigDecimal v) {
        return v == null ? "" : v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String h(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
