package io.insurebridge.circulation;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.Pharmacy;

import java.util.List;
import java.util.Optional;

/**
 * Which pharmacy connectors a prescription goes to: the patient's chosen pharmacy, or, if none was chosen, every
 * connected designated pharmacy (active agreement) of the institution's area.
 */
public class PharmacyTargets {

    public static final List<String> KINDS = List.of(ConnectorKind.PHARMACY_HTTP.name(),
            ConnectorKind.PHARMACY_JMS.name(), ConnectorKind.PHARMACY_FILE.name(), ConnectorKind.PHARMACY_MLLP.name());

    private final ConnectorRegistry connectors;

    public PharmacyTargets(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    public List<ConnectorDefinition> connected() {
        return KINDS.stream().flatMap(k -> connectors.enabled(k).stream()).toList();
    }

    public Optional<ConnectorDefinition> forPharmacy(String pharmacyCode) {
        return connected().stream().filter(c -> pharmacyCode.equals(pharmacyOf(c))).findFirst();
    }

    public List<ConnectorDefinition> targets(String chosenPharmacy, String areaAdmdvs, MappingSnapshot mappings) {
        if (chosenPharmacy != null) {
            return forPharmacy(chosenPharmacy).map(List::of).orElse(List.of());
        }
        return connected().stream().filter(c -> {
            Optional<Pharmacy> p = mappings.pharmacy(pharmacyOf(c));
            return p.isPresent() && p.get().agreementActive() && p.get().admdvs().equals(areaAdmdvs);
        }).toList();
    }

    public static String pharmacyOf(ConnectorDefinition c) {
        return c.setting("pharmacy", null);
    }
}
