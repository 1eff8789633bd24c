package io.insurebridge.mapping;

import java.math.BigDecimal;
import java.util.Set;

/** One row of the care place's national catalog (mappings/catalog.csv). */
public record CatalogItem(String code, String name, String listType, String listLevel, BigDecimal selfpayProp,
                          BigDecimal priceCeiling, String chargeType, Set<String> flags) {
    public boolean hasFlag(String flag) { return flags.contains(flag); }
    public boolean isInternetConsultation() { return hasFlag("internet"); }
    public boolean isDeliveryFee() { return hasFlag("delivery"); }
}
