package io.insurebridge.patient.bill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Electronic bills: {@code GET /api/patient/bills?setl_id=|mdtrt_id=} (list), {@code /api/patient/bills/{no}}
 * (JSON), {@code /api/patient/bills/{no}/pdf}, {@code /api/patient/bills/{no}/verify?code=}.
 */
@RestController
@RequestMapping("/api/patient/bills")
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class BillController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BillStore store;
    private final BillPdf pdf;

    public BillController(BillStore store, BillPdf pdf) {
        this.store = store;
        this.pdf = pdf;
    }

    @GetMapping
    public ResponseEntity<?> list(@RequestParam(name = "setl_id", required = false) String setlId,
                                  @RequestParam(name = "mdtrt_id", required = false) String mdtrtId) {
        if (setlId == null && mdtrtId == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "give setl_id or mdtrt_id"));
        }
        List<BillStore.StoredBill> bills = setlId != null ? store.bySettlement(setlId) : store.byVisit(mdtrtId);
        return ResponseEntity.ok(bills.stream().map(b -> read(b.json())).toList());
    }

    @GetMapping(value = "/{billNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> bill(@PathVariable String billNo) {
        return store.find(billNo).<ResponseEntity<?>>map(b -> ResponseEntity.ok(read(b.json())))
                .orElseGet(() -> notFound(billNo));
    }

    @GetMapping("/{billNo}/pdf")
    public ResponseEntity<?> pdf(@PathVariable String billNo) {
        var bill = store.find(billNo);
        if (bill.isEmpty()) {
            return notFound(billNo);
        }
        try {
            byte[] bytes = pdf.render(read(bill.get().json()));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + billNo + ".pdf\"").body(bytes);
        } catch (BillPdf.FontMissingException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", e.getMessage()));
        }
    }

    @GetMapping("/{billNo}/verify")
    public ResponseEntity<?> verify(@PathVariable String billNo, @RequestParam String code) {
        return store.find(billNo).<ResponseEntity<?>>map(b -> ResponseEntity.ok(Map.of("bill_no", billNo,
                        "valid", b.verificationCode().equalsIgnoreCase(code.trim()), "status", b.status())))
                .orElseGet(() -> notFound(billNo));
    }

    private static ResponseEntity<?> notFound(String billNo) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no bill " + billNo));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored bill is unreadable", e);
        }
    }
}
