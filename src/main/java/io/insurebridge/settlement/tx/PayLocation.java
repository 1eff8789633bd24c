package io.insurebridge.settlement.tx;

import io.insurebridge.mapping.Area;
import io.insurebridge.mapping.MappingSnapshot;

/** pay_loc of a settlement: 2 institution (local), 3 in-province off-site, 4 cross-province off-site, 5 Internet+. */
public final class PayLocation {
    private PayLocation() {}

    public static String of(MappingSnapshot mappings, String insuredAdmdvs, String careAdmdvs, boolean internet) {
        if (internet) {
            return "5";
        }
        if (insuredAdmdvs.equals(careAdmdvs)) {
            return "2";
        }
        return province(mappings, insuredAdmdvs).equals(province(mappings, careAdmdvs)) ? "3" : "4";
    }

    private static String province(MappingSnapshot mappings, String admdvs) {
        Area area = mappings.areas().get(admdvs);
        return area != null && area.provinceAdmdvs() != null ? area.provinceAdmdvs() : admdvs.substring(0, 2) + "0000";
    }
}
