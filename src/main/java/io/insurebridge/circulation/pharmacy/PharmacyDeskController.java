package io.insurebridge.circulation.pharmacy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The pharmacy desk's HTTP side: a pharmacy-http connector points at
 * {@code /pharmacy/api/{pharmacyCode}/prescriptions}. 200 received (and reviewed), 422 refused (signature),
 * 404 not a designated pharmacy; dispense answers 409 when the platform refuses (e.g. the hospital cancelled).
 */
@RestController
@RequestMapping("/pharmacy/api/{pharmacyCode}/prescriptions")
@ConditionalOnExpression("${insurebridge.roles.gateway:true} and ${insurebridge.roles.pharmacy-desk:true}")
public class PharmacyDeskController {

    private final PharmacyDesk desk;

    public PharmacyDeskController(PharmacyDesk desk) {
        this.desk = desk;
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<?> receive(@PathVariable String pharmacyCode, @RequestBody String json) {
        if (!desk.serves(pharmacyCode)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not a designated pharmacy: " + pharmacyCode));
        }
        PharmacyDesk.DeskAnswer answer = desk.receive(pharmacyCode, json);
        return ResponseEntity.status(answer.accepted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(answer);
    }

    @PostMapping("/{hiRxno}/dispense")
    public ResponseEntity<PharmacyDesk.DeskAnswer> dispense(@PathVariable String pharmacyCode, @PathVariable String hiRxno,
                                                            @RequestParam(defaultValue = "false") boolean delivery,
                                                            @RequestBody(required = false) String body) {
        io.insurebridge.circulation.DispensedDrugs lines = body == null || body.isBlank() ? null
                : io.insurebridge.circulation.DispensedDrugs.fromJson(
                        io.insurebridge.platform.PlatformJson.read(body, com.fasterxml.jackson.databind.JsonNode.class));
        PharmacyDesk.DeskAnswer answer = desk.dispense(pharmacyCode, hiRxno, delivery, lines);
        return ResponseEntity.status(answer.accepted() ? HttpStatus.OK : HttpStatus.CONFLICT).body(answer);
    }

    @GetMapping("/{hiRxno}")
    public ResponseEntity<Map<String, String>> show(@PathVariable String pharmacyCode, @PathVariable String hiRxno) {
        return desk.status(pharmacyCode, hiRxno)
                .map(s -> ResponseEntity.ok(Map.of("hiRxno", hiRxno, "status", s)))
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not received: " + hiRxno)));
    }
}
