package io.insurebridge.settlement;

import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.MappingLoader;
import io.insurebridge.mapping.MappingSnapshot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixture: the demo mappings/ read by the product's own loader, optionally with cloned persons. */
public final class DemoMappings {
    public static final Path DIR = Path.of("mappings");
    private static MappingSnapshot cached;

    private DemoMappings() {}

    public static synchronized MappingSnapshot snapshot() {
        if (cached == null) {
            cached = new MappingLoader(CodeFormats.defaults()).load(DIR);
        }
        return cached;
    }

    /**
     * The demo snapshot plus clones of every demo person (psn_no with "C" + k in place of digits 15-17, own
     * e-voucher token), so tests sharing one database each own the persons whose accumulators they check.
     */
    public static MappingSnapshot withClones(int clonesPerPerson) {
        MappingSnapshot demo = snapshot();
        Map<String, InsuredPerson> persons = new LinkedHashMap<>(demo.persons());
        for (InsuredPerson p : demo.persons().values()) {
            for (int k = 1; k <= clonesPerPerson; k++) {
                String psnNo = clone(p.psnNo(), k);
                persons.put(psnNo, new InsuredPerson(psnNo, p.name(), p.certno(), p.gend(), p.brdy(), p.insutype(),
                        p.insuplcAdmdvs(), p.insuStatus(), p.acctBalance(), p.identity(), p.chronicQualifications(),
                        p.filingToAdmdvs(), p.suspension(), p.evoucherToken() + "-" + k));
            }
        }
        return new MappingSnapshot(demo.catalog(), demo.crosswalk(), demo.diagnosisCrosswalk(), demo.diagnoses(),
                demo.institutions(), demo.pharmacies(), demo.doctors(), demo.chronicDiseases(), demo.areas(), persons,
                demo.budgets(), demo.policies(), demo.loadedAt(), demo.checksum() + "+clones");
    }

    /** The k-th clone's psn_no of a demo person. */
    public static String clone(String psnNo, int k) {
        return psnNo.substring(0, 14) + "C" + String.format("%02d", k) + psnNo.substring(17);
    }
}
