package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Persons insured at a peer area as their node described them in 1101 (baseinfo, insuinfo, idetinfo). The care
 * node needs them to register the visit; their policy-relevant state (accumulators, filing, suspension) stays at
 * the insured place, which checks it again when it settles.
 */
@Component
public class RemotePersons {
    private final CrossRegionStore store;
    private final Map<String, InsuredPerson> persons = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private volatile Merged merged;

    private record Merged(MappingSnapshot base, long version, MappingSnapshot snapshot) {}

    public RemotePersons(CrossRegionStore store) {
        this.store = store;
    }

    /** Loads what earlier 1101 answers said (the table is small: only off-site persons seen here). */
    void load() {
        for (CrossRegionStore.RemotePerson p : store.persons()) {
            try {
                persons.put(p.psnNo(), person(NodeJson.MAPPER.readTree(p.personInfo()), p.evoucherToken()));
            } catch (Exception e) {
                // an unreadable row is skipped: the next 1101 of that person rewrites it
            }
        }
        version.incrementAndGet();
    }

    void remember(JsonNode output, String evoucher, OffsetDateTime at) {
        InsuredPerson person = person(output, evoucher);
        if (person == null) {
            return;
        }
        store.savePerson(new CrossRegionStore.RemotePerson(person.psnNo(), person.insuplcAdmdvs(), evoucher,
                NodeJson.write(output)), at);
        persons.put(person.psnNo(), person);
        version.incrementAndGet();
    }

    /** The snapshot with the remote persons it does not know itself (the node's own data wins). */
    MappingSnapshot merged(MappingSnapshot base) {
        if (persons.isEmpty()) {
            return base;
        }
        Merged m = merged;
        long v = version.get();
        if (m != null && m.base() == base && m.version() == v) {
            return m.snapshot();
        }
        Map<String, InsuredPerson> all = new HashMap<>(persons);
        all.putAll(base.persons());
        MappingSnapshot s = new MappingSnapshot(base.catalog(), base.crosswalk(), base.diagnosisCrosswalk(),
                base.diagnoses(), base.institutions(), base.pharmacies(), base.doctors(), base.chronicDiseases(),
                base.areas(), Map.copyOf(all), base.budgets(), base.policies(), base.loadedAt(), base.checksum());
        merged = new Merged(base, v, s);
        return s;
    }

    static InsuredPerson person(JsonNode output, String evoucher) {
        JsonNode base = output.path("baseinfo");
        JsonNode insu = output.path("insuinfo").path(0);
        String psnNo = NodeCall.text(base, "psn_no");
        String insuplc = NodeCall.text(insu, "insuplc_admdvs");
        if (psnNo == null || insuplc == null) {
            return null;
        }
        BigDecimal balc = NodeCall.decimal(insu, "balc");
        String brdy = NodeCall.text(base, "brdy");
        return new InsuredPerson(psnNo, NodeCall.text(base, "psn_name"), NodeCall.text(base, "certno"),
                NodeCall.text(base, "gend"), brdy == null ? LocalDate.of(1900, 1, 1) : LocalDate.parse(brdy),
                NodeCall.text(insu, "insutype"), insuplc, NodeCall.text(insu, "psn_insu_stas"),
                balc == null ? BigDecimal.ZERO : balc, NodeCall.text(output.path("idetinfo").path(0), "psn_idet_type"),
                Map.of(), null, null, evoucher);
    }
}
