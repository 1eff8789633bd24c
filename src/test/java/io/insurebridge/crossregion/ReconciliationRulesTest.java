package io.insurebridge.crossregion;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison rules of reconciliation (3201 totals, 3202 details) and the peer's broker URL, without nodes. */
class ReconciliationRulesTest {

    static Reconciliation.Row row(String setlId, String insutype, String fund) {
        return new Reconciliation.Row(setlId, "M" + setlId, "H33010000001", insutype, new BigDecimal("322.00"),
                new BigDecimal(fund), BigDecimal.ZERO);
    }

    @Test
    void totalsPerInstitutionAndInsuranceTypeAndTheDifferingRecords() {
        List<Reconciliation.Row> care = List.of(row("S1", "390", "66.80"), row("S2", "390", "106.80"),
                row("S3", "310", "0.00"), row("S5", "390", "10.00"));
        List<Reconciliation.Row> insured = List.of(row("S1", "390", "66.80"), row("S2", "390", "107.80"),
                row("S3", "310", "0.00"), row("S4", "390", "1.00"));
        List<Reconciliation.Totals> totals = Reconciliation.totals(care);
        assertThat(totals).hasSize(2);
        assertThat(totals.get(1).fundPaySumamt()).isEqualByComparingTo("183.60");
        assertThat(totals.get(1).fixmedinsSetlCnt()).isEqualTo(3);

        var differing = Reconciliation.differingGroups(totals, Reconciliation.totals(insured));
        assertThat(differing).containsExactly("H33010000001/390");   // 310 agrees: no details asked for it
        var differences = Reconciliation.differences(care.stream().filter(r -> differing.contains(r.group())).toList(),
                insured.stream().filter(r -> differing.contains(r.group())).toList());
        assertThat(differences).extracting(Reconciliation.Difference::kind, Reconciliation.Difference::setlId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AMOUNTS_DIFFER", "S2"),
                        org.assertj.core.groups.Tuple.tuple("ONLY_HERE", "S5"),
                        org.assertj.core.groups.Tuple.tuple("ONLY_AT_PEER", "S4"));
        assertThat(differences.get(0).peer().fundPaySumamt()).isEqualByComparingTo("107.80");
    }

    @Test
    void brokerUrlCarriesTheMutualTlsMaterialOfTheConnectorFile() {
        var tls = new ConnectorDefinition.Tls(true, "file:/k/node.p12", "kp", "file:/k/trust.p12", "tp", false);
        String url = new PeerNode("peer", "510100", "tcp://10.0.0.2:61617", tls).brokerUrl();
        assertThat(url).startsWith("tcp://10.0.0.2:61617?").contains("sslEnabled=true")
                .contains("trustStorePath=/k/trust.p12&trustStorePassword=tp")
                .contains("keyStorePath=/k/node.p12&keyStorePassword=kp");
        assertThat(new PeerNode("peer", "510100", "tcp://h:1", ConnectorDefinition.Tls.OFF).brokerUrl())
                .doesNotContain("ssl");
    }
}
