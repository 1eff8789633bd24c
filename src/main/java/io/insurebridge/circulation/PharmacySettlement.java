package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.mapping.Pharmacy;
import io.insurebridge.platform.EnvelopeFactory;
import io.insurebridge.platform.PlatformFormats;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.gateway.TracedPlatform;
import io.insurebridge.platform.msgid.MsgIdSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Settles a dispensed prescription between the agency and the pharmacy (2102, med_type 41): the envelope is the
 * pharmacy's (fixmedins_code = its P code, care place = its division), the lines are what it dispensed at its prices,
 * plus the delivery fee as the catalog's delivery-fee item (level 03: never insured, the node puts it in cash).
 * The result is kept with the hospital's circulation record; a prescription is settled once.
 */
public class PharmacySettlement {

    public static final String INFNO = "2102";
    static final String SETTLED = "SETTLED";
    static final String SETTLEMENT_REFUSED = "SETTLEMENT_REFUSED";

    private final MappingSource mappings;
    private final EnvelopeFactory envelopes;
    private final MsgIdSource msgIds;
    private final TracedPlatform platform;
    private final PrescriptionStore store;
    private final UnaryOperator<PlatformRequest> signer;
    private final Clock clock;

    public PharmacySettlement(MappingSource mappings, EnvelopeFactory envelopes, MsgIdSource msgIds,
                              TracedPlatform platform, PrescriptionStore store, UnaryOperator<PlatformRequest> signer,
                              Clock clock) {
        this.mappings = mappings;
        this.envelopes = envelopes;
        this.msgIds = msgIds;
        this.platform = platform;
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    /** The settlement's result: the node's answer (setlinfo …), or its refusal. */
    public record Result(boolean settled, JsonNode output, String errMsg) {}

    public Result settle(CirculatedPrescription rx, String pharmacyCode, DispensedDrugs dispensed) {
        var existing = store.settlement(rx.hiRxno());
        if (existing.isPresent()) {
            return new Result(true, PlatformJson.read(String.valueOf(existing.get().get("output")), JsonNode.class), null);
        }
        MappingSnapshot snapshot = mappings.current();
        Pharmacy pharmacy = snapshot.pharmacy(pharmacyCode).orElse(null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (pharmacy == null) {
            return refused(rx, pharmacyCode, pharmacyCode + " is not a designated retail pharmacy", now);
        }
        PlatformRequest request = signer.apply(pharmacyEnvelope(rx, pharmacy, input(rx, dispensed, snapshot)));
        PlatformResponse answer;
        try {
            answer = platform.send(request, rx.hospRxno());
        } catch (PlatformRejectedException e) {
            return refused(rx, pharmacyCode, e.errMsg(), now);
        }
        JsonNode output = answer.output() == null ? PlatformJson.object() : answer.output();
        JsonNode info = output.path("setlinfo");
        BigDecimal fee = dispensed.deliveryFee() == null ? BigDecimal.ZERO : dispensed.deliveryFee();
        store.settled(rx.hiRxno(), pharmacyCode, info.path("setl_id").asText(), request.msgid(),
                info.path("medfee_sumamt").decimalValue(), info.path("fund_pay_sumamt").decimalValue(),
                info.path("acct_pay").decimalValue(), info.path("psn_cash_pay").decimalValue(),
                fee.setScale(2, RoundingMode.HALF_UP), PlatformJson.write(output), now);
        store.history(rx.hiRxno(), SETTLED, pharmacyCode, "setl_id " + info.path("setl_id").asText()
                + ": total " + plain(info, "medfee_sumamt") + ", funds " + plain(info, "fund_pay_sumamt")
                + ", account " + plain(info, "acct_pay") + ", cash " + plain(info, "psn_cash_pay"), now);
        return new Result(true, output, null);
    }

    private Result refused(CirculatedPrescription rx, String pharmacy, String why, OffsetDateTime now) {
        store.history(rx.hiRxno(), SETTLEMENT_REFUSED, pharmacy, why, now);
        return new Result(false, null, why);
    }

    /** input of 2102: data (hi_rxno, med_type 41, …) and drugdetail[] (the dispensed lines, then the delivery fee). */
    static ObjectNode input(CirculatedPrescription rx, DispensedDrugs dispensed, MappingSnapshot snapshot) {
        ObjectNode input = PlatformJson.object();
        ObjectNode data = input.putObject("data");
        data.put("hi_rxno", rx.hiRxno());
        data.put("med_type", "41");
        data.put("acct_used_flag", dispensed.acctUsedFlag() == null ? "0" : dispensed.acctUsedFlag());
        ArrayNode lines = input.putArray("drugdetail");
        int sn = 0;
        for (DispensedDrugs.Line l : dispensed.lines()) {
            line(lines, ++sn, l.medListCodg(), l.medinsListCodg(), l.cnt(), l.pric());
        }
        if (dispensed.deliveryFee() != null && dispensed.deliveryFee().signum() > 0) {
            String code = snapshot.catalog().values().stream().filter(CatalogItem::isDeliveryFee)
                    .map(CatalogItem::code).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the catalog has no delivery-fee item"));
            line(lines, ++sn, code, null, BigDecimal.ONE, dispensed.deliveryFee());
        }
        return input;
    }

    private static void line(ArrayNode lines, int sn, String code, String local, BigDecimal cnt, BigDecimal pric) {
        ObjectNode line = lines.addObject();
        line.put("feedetl_sn", String.valueOf(sn));
        line.put("med_list_codg", code);
        line.put("medins_list_codg", local == null ? "" : local);
        line.put("cnt", PlatformFormats.quantity(cnt));
        line.put("pric", pric);
        line.put("det_item_fee_sumamt", pric.multiply(cnt).setScale(2, RoundingMode.HALF_UP));
    }

    /** The prescribing hospital's envelope turned into the pharmacy's: its code, name, division and msgid. */
    private PlatformRequest pharmacyEnvelope(CirculatedPrescription rx, Pharmacy pharmacy, ObjectNode input) {
        var institution = mappings.current().institution(rx.institutionCode()).orElseThrow();
        PlatformRequest r = envelopes.build(INFNO, institution.code(), institution.admdvs(), null, input);
        return new PlatformRequest(r.infno(), msgIds.next(pharmacy.code()), pharmacy.admdvs(), r.insuplc_admdvs(),
                r.recer_sys_code(), r.dev_no(), r.dev_safe_info(), r.cainfo(), r.signtype(), r.infver(),
                r.opter_type(), r.opter(), r.opter_name(), r.inf_time(), pharmacy.code(), pharmacy.name(), null,
                r.input());
    }

    private static String plain(JsonNode info, String field) {
        return info.path(field).decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new java.util.LinkedHashMap<>(row);
        view.put("output", PlatformJson.read(String.valueOf(row.get("output")), JsonNode.class));
        return view;
    }
}
