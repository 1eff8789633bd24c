package io.insurebridge.fanout;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules file, the line and visit rules without a database, and agency connector files. */
class SupervisionRulesTest {
    @TempDir
    Path dir;

    @Test
    void theShippedRulesFileParses() {
        List<SupervisionRule> rules = SupervisionRules.parse(Path.of("rules/supervision.yaml"));
        assertThat(rules).extracting(SupervisionRule::type).containsExactly("quantity-limit",
                "duplicate-prescription", "age", "doctor-without-points", "internet-not-follow-up", "over-ceiling");
        assertThat(rules).allMatch(r -> r.action().equals("warn"));
    }

    @Test
    void aBadRuleNamesFileRuleAndWhy() throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "rules:\n  - id: A\n    type: quantity-limit\n");
        assertThatThrownBy(() -> SupervisionRules.parse(file)).hasMessage(file + ": rule 1 (A): quantity-limit needs "
                + "max-quantity");
        Files.writeString(file, "rules:\n  - id: A\n    type: teleport\n");
        assertThatThrownBy(() -> SupervisionRules.parse(file)).hasMessageContaining(file + ": rule 1: 'type' must be");
        Files.writeString(file, "rules:\n  - id: A\n    type: over-ceiling\n    action: shout\n");
        assertThatThrownBy(() -> SupervisionRules.parse(file)).hasMessage(file + ": rule 1: 'action' must be warn "
                + "or reject");
    }

    @Test
    void lineAndVisitRulesHitWhatTheySay() throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                rules:
                  - {id: Q, type: quantity-limit, codes: [A], max-quantity: 2}
                  - {id: G, type: gender, codes: [B], gender: "2", action: reject}
                  - {id: AGE, type: age, codes: [A], max-age: 12}
                  - {id: C, type: over-ceiling}
                  - {id: D, type: doctor-without-points}
                  - {id: I, type: internet-not-follow-up}
                """);
        List<SupervisionRule> rules = SupervisionRules.parse(file);
        ReviewSubject subject = new ReviewSubject("P", "M", "1", 40, "D1", 0, true, false, OffsetDateTime.now(),
                List.of(new ReviewSubject.Line("1", "A", new BigDecimal("3"), new BigDecimal("9.00"),
                                new BigDecimal("8.00")),
                        new ReviewSubject.Line("2", "B", BigDecimal.ONE, BigDecimal.ONE, null)));
        var findings = new SmartReview(null).review(subject, rules);
        assertThat(findings).extracting(f -> f.rule().id() + "@" + f.feedetlSn())
                .containsExactly("Q@1", "G@2", "AGE@1", "C@1", "D@-", "I@-");
        assertThat(findings.get(1).message()).isEqualTo("B is restricted to gender 2 (patient's gender 1)");
        assertThat(findings.get(1).rule().rejects()).isTrue();
    }

    @Test
    void agencyConnectorFilesAreValidated() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "kind: agency-http\nurl: http://x/y\nevents: [settlement, rejection]\n");
        Files.writeString(dir.resolve("b.yaml"), "kind: agency-file\ndirectory: /tmp/x\nevents: settlement\n");
        List<ConnectorDefinition> all = new ConnectorLoader().load(dir);
        assertThat(all).extracting(ConnectorDefinition::kind).containsExactlyInAnyOrder("agency-http", "agency-file");
        ConnectorDefinition http = all.stream().filter(c -> c.kind().equals("agency-http")).findFirst().orElseThrow();
        assertThat(AgencyRoutes.events(http)).containsExactly("settlement", "rejection");

        Files.writeString(dir.resolve("c.yaml"), "kind: agency-jms\nqueue: q\nevents: [gossip]\n");
        ConnectorDefinition bad = new ConnectorLoader().load(dir).stream().filter(c -> c.kind().equals("agency-jms"))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> AgencyRoutes.events(bad)).hasMessageContaining("c.yaml")
                .hasMessageContaining("events");
        Files.writeString(dir.resolve("d.yaml"), "kind: agency-jms\nevents: [settlement]\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageContaining("d.yaml: key 'queue'");
    }
}
