package io.insurebridge.inbound.fhir;

import static io.insurebridge.inbound.fhir.FhirResources.claim;
import static io.insurebridge.inbound.fhir.FhirResources.demoItems;
import static io.insurebridge.inbound.fhir.FhirResources.eligibility;
import static io.insurebridge.inbound.fhir.FhirResources.eligibilityXml;
import static io.insurebridge.inbound.fhir.FhirResources.medicationRequest;
import static io.insurebridge.inbound.fhir.FhirResources.message;
import static io.insurebridge.inbound.fhir.FhirResources.patient;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.insurebridge.circulation.PrescriptionIntake;
import io.insurebridge.circulation.PrescriptionReceipt;
import io.insurebridge.model.Prescription;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import io.insurebridge.support.AppTestSupport;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The FHIR front door over real HTTP against the running application (real queues, the real settlement node, the
 * real store): every interaction, the money of the HL7 end-to-end visit to the cent, retries, and refusals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"insurebridge.fhir.max-bundle-entries=5", "insurebridge.hl7.reply-timeout=20s"})
class FhirFrontDoorTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final String ADJ = "https://insurebridge.io/fhir/CodeSystem/adjudication";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "fhir", MLLP_PORT);
    }

    @TestConfiguration
    static class Circulation {
        /** Stands in for the circulation issue's implementation: records what it got and accepts it. */
        @Bean
        @Primary
        RecordingIntake recordingIntake() { return new RecordingIntake(); }
    }

    static class RecordingIntake implements PrescriptionIntake {
        final List<Prescription> received = Collections.synchronizedList(new ArrayList<>());

        @Override
        public PrescriptionReceipt submit(long messageId, Prescription prescription) {
            received.add(prescription);
            return new PrescriptionReceipt(true, "HIRX" + messageId, "TRACE" + messageId, null,
                    List.of(prescription.pharmacyCode()));
        }
    }

    @LocalServerPort int port;
    @Autowired FhirContext fhir;
    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;
    @Autowired RecordingIntake circulation;
    @Autowired org.apache.camel.CamelContext camel;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, Map<String, List<String>> headers) {}

    Reply post(String path, String body, String contentType) throws Exception {
        HttpRequest request = io.insurebridge.support.TestAuth.fhir(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/fhir/" + path)))
                .timeout(Duration.ofSeconds(90)).header("Content-Type", contentType + "; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().map());
    }

    Reply post(String path, String json) throws Exception {
        return post(path, json, "application/fhir+json");
    }

    Reply get(String path) throws Exception {
        HttpRequest request = io.insurebridge.support.TestAuth.fhir(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/fhir/" + path)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().map());
    }

    <T extends IBaseResource> T parse(Reply reply, Class<T> type) {
        return reply.body().stripLeading().startsWith("<")
                ? fhir.newXmlParser().parseResource(type, reply.body())
                : fhir.newJsonParser().parseResource(type, reply.body());
    }

    static Map<String, BigDecimal> totals(ClaimResponse cr) {
        return cr.getTotal().stream().collect(Collectors.toMap(t -> t.getCategory().getCodingFirstRep().getCode(),
                t -> t.getAmount().getValue()));
    }

    @Test
    void capabilityStatementListsExactlyWhatIsServed() throws Exception {
        Reply reply = get("metadata");
        assertThat(reply.status()).isEqualTo(200);
        CapabilityStatement cs = parse(reply, CapabilityStatement.class);
        Map<String, List<String>> interactions = cs.getRestFirstRep().getResource().stream().collect(Collectors.toMap(
                r -> r.getType(), r -> r.getInteraction().stream().map(i -> i.getCode().toCode()).sorted().toList()));
        assertThat(interactions).containsOnlyKeys("Claim", "ClaimResponse", "CoverageEligibilityRequest",
                "CoverageEligibilityResponse", "MedicationRequest", "OperationDefinition");
        assertThat(interactions.get("Claim")).containsExactly("create");
        assertThat(interactions.get("ClaimResponse")).containsExactly("read", "search-type");
        assertThat(interactions.get("CoverageEligibilityRequest")).containsExactly("create");
        assertThat(interactions.get("MedicationRequest")).containsExactly("create");
        List<String> operations = new ArrayList<>();
        cs.getRestFirstRep().getOperation().forEach(o -> operations.add(o.getName()));
        cs.getRestFirstRep().getResource().forEach(r -> r.getOperation().forEach(o -> operations.add(o.getName())));
        assertThat(operations).contains("process-message", "cancel");

        Reply xml = get("metadata?_format=xml");
        assertThat(xml.body()).startsWith("<CapabilityStatement");
    }

    @Test
    void eligibilityAnswersInsuranceBalanceAndInsuredPlaceInJsonAndXml() throws Exception {
        Reply reply = post("CoverageEligibilityRequest", eligibility("ELIG-1", patient("evoucher", "EV330100000003",
                "王芳")));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        CoverageEligibilityResponse r = parse(reply, CoverageEligibilityResponse.class);
        assertThat(r.getOutcome().toCode()).isEqualTo("complete");
        CoverageEligibilityResponse.InsuranceComponent insurance = r.getInsuranceFirstRep();
        assertThat(insurance.getInforce()).isTrue();
        assertThat(insurance.getExtensionString("https://insurebridge.io/fhir/StructureDefinition/insured-place"))
                .isEqualTo("330100");
        assertThat(insurance.getExtensionString("https://insurebridge.io/fhir/StructureDefinition/insutype"))
                .isEqualTo("310");
        Money balance = insurance.getItemFirstRep().getBenefitFirstRep().getAllowedMoney();
        assertThat(balance.getValue()).isEqualByComparingTo("50.00");

        // XML in, XML out (_format), an off-site person identified by the resident ID number
        Reply xml = post("CoverageEligibilityRequest?_format=xml", eligibilityXml("ELIG-2", "510104197512300414"),
                "application/fhir+xml");
        assertThat(xml.status()).as(xml.body()).isEqualTo(200);
        assertThat(xml.body()).startsWith("<CoverageEligibilityResponse");
        CoverageEligibilityResponse off = parse(xml, CoverageEligibilityResponse.class);
        assertThat(off.getInsuranceFirstRep().getExtensionString(
                "https://insurebridge.io/fhir/StructureDefinition/insured-place")).isEqualTo("510100");
        assertThat(off.getInsuranceFirstRep().getItemFirstRep().getBenefitFirstRep().getAllowedMoney().getValue())
                .isEqualByComparingTo("300.00");
        StoredMessage stored = store.find(Long.parseLong(off.getIdElement().getIdPart())).orElseThrow();
        assertThat(stored.protocol()).isEqualTo("FHIR");
        assertThat(stored.messageType()).isEqualTo("CoverageEligibilityRequest");
        assertThat(stored.raw()).contains("<CoverageEligibilityRequest");
        assertThat(stored.queue()).isNull();
        assertThat(store.hops(stored.id())).extracting(StoredMessage.Hop::detail)
                .anySatisfy(d -> assertThat(d).startsWith("inbound.registration"));
    }

    @Test
    void claimSettlesWithTheHl7FiguresRetryIsAnsweredOnceAndCancelReverses() throws Exception {
        String zhang = patient("resident-id", "330102198001150117", "张伟");
        Reply pre = post("Claim", claim("CLM-ZW-PRE", "preauthorization", zhang, "V-FHIR-1", "AMB", demoItems()));
        assertThat(pre.status()).as(pre.body()).isEqualTo(200);
        ClaimResponse preResponse = parse(pre, ClaimResponse.class);
        assertThat(preResponse.getUse().toCode()).isEqualTo("preauthorization");
        assertThat(totals(preResponse)).containsEntry("submitted", new BigDecimal("322.00"));

        String settleClaim = claim("CLM-ZW-1", "claim", zhang, "V-FHIR-1", "AMB", demoItems());
        Reply settled = post("Claim", settleClaim);
        assertThat(settled.status()).as(settled.body()).isEqualTo(200);
        ClaimResponse cr = parse(settled, ClaimResponse.class);
        // the same figures as the HL7 path for the same visit (OutpatientSettlementEndToEndTest, by hand)
        Map<String, BigDecimal> t = totals(cr);
        assertThat(t.get("submitted")).isEqualByComparingTo("322.00");
        assertThat(t.get("fulamt-ownpay")).isEqualByComparingTo("15.00");
        assertThat(t.get("overlmt")).isEqualByComparingTo("20.00");
        assertThat(t.get("preselfpay")).isEqualByComparingTo("20.00");
        assertThat(t.get("inscp")).isEqualByComparingTo("267.00");
        assertThat(t.get("deductible")).isEqualByComparingTo("200.00");
        assertThat(t.get("pooled")).isEqualByComparingTo("46.90");
        assertThat(t.get("critical-illness")).isEqualByComparingTo("0.00");
        assertThat(t.get("assistance")).isEqualByComparingTo("0.00");
        assertThat(t.get("fund")).isEqualByComparingTo("46.90");
        assertThat(t.get("person")).isEqualByComparingTo("275.10");
        assertThat(t.get("account")).isEqualByComparingTo("275.10");
        assertThat(t.get("cash")).isEqualByComparingTo("0.00");
        Extension balance = cr.getExtensionByUrl("https://insurebridge.io/fhir/StructureDefinition/account-balance");
        assertThat(((Money) balance.getValue()).getValue()).isEqualByComparingTo("724.90");
        assertThat(cr.getItem()).hasSize(5);
        ClaimResponse.ItemComponent ct = cr.getItem().get(4);
        assertThat(ct.getItemSequence()).isEqualTo(5);
        assertThat(adjudication(ct, "overlmt")).isEqualByComparingTo("20.00");
        assertThat(adjudication(ct, "preselfpay")).isEqualByComparingTo("20.00");
        assertThat(adjudication(ct, "inscp")).isEqualByComparingTo("180.00");
        assertThat(adjudication(cr.getItem().get(3), "fulamt-ownpay")).isEqualByComparingTo("15.00");
        String setlId = cr.getIdentifierFirstRep().getValue();
        assertThat(setlId).startsWith("S");

        // the HIS did not see the answer and sends the same Claim again: the same ClaimResponse, settled once
        Reply retried = post("Claim", settleClaim);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(settled.body());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED'",
                Integer.class, "33010000000000000001")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?", BigDecimal.class,
                "33010000000000000001")).isEqualByComparingTo("724.90");

        // read and search
        Reply read = get("ClaimResponse/" + cr.getIdElement().getIdPart());
        assertThat(read.status()).isEqualTo(200);
        assertThat(totals(parse(read, ClaimResponse.class)).get("pooled")).isEqualByComparingTo("46.90");
        Reply search = get("ClaimResponse?request.identifier=CLM-ZW-1");
        assertThat(search.status()).isEqualTo(200);
        Bundle found = parse(search, Bundle.class);
        assertThat(found.getEntry()).singleElement().satisfies(e -> assertThat(((ClaimResponse) e.getResource())
                .getIdentifierFirstRep().getValue()).isEqualTo(setlId));
        assertThat(get("ClaimResponse/999999").status()).isEqualTo(404);

        // cancel: 2208, the reversal figures, the account restored
        Reply cancelled = post("Claim/$cancel", """
                {"resourceType": "Parameters", "parameter": [{"name": "identifier",
                  "valueIdentifier": {"system": "https://his.h33010000001.example/claim", "value": "CLM-ZW-1"}}]}""");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        ClaimResponse reversal = parse(cancelled, ClaimResponse.class);
        assertThat(reversal.getStatus().toCode()).isEqualTo("cancelled");
        assertThat(totals(reversal).get("submitted")).isEqualByComparingTo("-322.00");
        assertThat(totals(reversal).get("pooled")).isEqualByComparingTo("-46.90");
        assertThat(jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?", BigDecimal.class,
                "33010000000000000001")).isEqualByComparingTo("1000.00");
        assertThat(jdbc.queryForObject("SELECT status FROM node_settlement WHERE setl_id = ?", String.class, setlId))
                .isEqualTo("CANCELLED");
    }

    static BigDecimal adjudication(ClaimResponse.ItemComponent item, String code) {
        return item.getAdjudication().stream().filter(a -> a.getCategory().hasCoding(ADJ, code)).findFirst()
                .orElseThrow().getAmount().getValue();
    }

    @Test
    void invalidRequestsGetAnOperationOutcomeAtTheElementAndAreStored() throws Exception {
        long before = store.count(MessageStatus.REJECTED);

        Reply noPatientId = post("Claim", claim("CLM-BAD-1", "claim", patient("resident-id", null, "张伟"),
                "V-BAD-1", "AMB", demoItems()));
        assertThat(noPatientId.status()).isEqualTo(422);
        assertThat(issues(noPatientId)).as(noPatientId.body()).anySatisfy(i -> {
            assertThat(i.getSeverity().toCode()).isEqualTo("error");
            assertThat(i.getExpression()).extracting(e -> e.getValue()).containsExactly("Claim.patient.identifier");
        });

        Reply wrongType = post("Claim", "{\"resourceType\": \"Patient\", \"active\": true}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(issues(wrongType)).as(wrongType.body()).singleElement().satisfies(i -> {
            assertThat(i.getExpression()).extracting(e -> e.getValue()).containsExactly("Patient");
            assertThat(i.getDiagnostics()).contains("takes Claim");
        });

        Reply malformed = post("Claim", "{\"resourceType\": \"Claim\", \"status\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(issues(malformed)).singleElement().satisfies(i -> {
            assertThat(i.getSeverity().toCode()).isEqualTo("error");
            assertThat(i.getCode().toCode()).isEqualTo("structure");
        });

        List<String> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(eligibility("BIG-" + i, patient("evoucher", "EV330100000002", "李娜")));
        }
        Reply huge = post("$process-message", message("MSG-BIG", "eligibility", six));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(issues(huge)).as(huge.body()).singleElement().satisfies(i ->
                assertThat(i.getExpression()).extracting(e -> e.getValue()).containsExactly("Bundle.entry"));

        assertThat(store.count(MessageStatus.REJECTED) - before).isEqualTo(4);
        StoredMessage malformedStored = store.find(jdbc.queryForObject("SELECT MAX(id) FROM messages WHERE raw = ?",
                Long.class, "{\"resourceType\": \"Claim\", \"status\": ")).orElseThrow();
        assertThat(malformedStored.status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(malformedStored.ack()).contains("OperationOutcome");
    }

    @Test
    void unknownLocalCodeIsHeldNamedAndCounted() throws Exception {
        List<FhirResources.Item> items = new ArrayList<>(demoItems());
        items.set(2, new FhirResources.Item("XX9999", "未知项目", "1", "20.00", "20.00"));
        Reply reply = post("Claim", claim("CLM-LN-9", "preauthorization", patient("resident-id",
                "330102199211030222", "李娜"), "V-FHIR-9", "AMB", items));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(issues(reply)).as(reply.body()).singleElement().satisfies(i -> {
            assertThat(i.getExpression()).extracting(e -> e.getValue())
                    .containsExactly("Claim.item[2].productOrService.coding[0].code");
            assertThat(i.getCode().toCode()).isEqualTo("code-invalid");
            assertThat(i.getDiagnostics()).contains("XX9999");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mapping_gaps WHERE local_code = 'XX9999' "
                + "AND institution_code = 'H33010000001'", Integer.class)).isEqualTo(1);
        assertThat(store.search(new io.insurebridge.store.MessageQuery(MessageStatus.NEEDS_MAPPING, "Claim", null,
                "CLM-LN-9", null, null, 0, 5))).hasSize(1);
    }

    @Test
    void medicationRequestGoesToCirculation() throws Exception {
        Reply reply = post("MedicationRequest", medicationRequest("RX-FHIR-1", "YP0001"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        MedicationRequest answered = parse(reply, MedicationRequest.class);
        assertThat(answered.getIdentifier()).extracting(i -> i.getSystem())
                .contains("https://insurebridge.io/fhir/sid/hi-rxno");
        Prescription rx = circulation.received.stream().filter(p -> "RX-FHIR-1".equals(p.hospRxNo())).findFirst()
                .orElseThrow();
        assertThat(rx.institutionCode()).isEqualTo("H33010000001");
        assertThat(rx.person().mdtrtCertType()).isEqualTo("01");
        assertThat(rx.pharmacyCode()).isEqualTo("P33010000001");
        assertThat(rx.lines()).singleElement().satisfies(l -> {
            assertThat(l.nationalCode()).isEqualTo("XC08CAA148A001000000001");
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.dosage()).isEqualTo("5 mg");
            assertThat(l.frequency()).isEqualTo("QD");
            assertThat(l.days()).isEqualTo(28);
        });
    }

    @Test
    void processMessageAnswersWithAResponseMessage() throws Exception {
        Reply reply = post("$process-message", message("MSG-ELIG-1", "eligibility",
                List.of(eligibility("ELIG-MSG-1", patient("evoucher", "EV510100000005", "陈静")))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Bundle response = parse(reply, Bundle.class);
        assertThat(response.getType().toCode()).isEqualTo("message");
        MessageHeader header = (MessageHeader) response.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getCode().toCode()).isEqualTo("ok");
        assertThat(header.getResponse().getIdentifier()).isEqualTo("MSG-ELIG-1-h");
        CoverageEligibilityResponse answer = (CoverageEligibilityResponse) response.getEntry().get(1).getResource();
        assertThat(answer.getInsuranceFirstRep().getExtensionString(
                "https://insurebridge.io/fhir/StructureDefinition/insutype")).isEqualTo("390");
        assertThat(store.search(new io.insurebridge.store.MessageQuery(MessageStatus.PROCESSED, "Bundle", null,
                "MSG-ELIG-1", null, null, 0, 5))).hasSize(1);
    }

    @Test
    void claimNotAnsweredInTimeIsPendingAndReadableLater() throws Exception {
        camel.getRouteController().stopRoute("hl7-charges");
        Reply pending;
        try {
            pending = post("Claim", claim("CLM-WF-P", "preauthorization", patient("evoucher", "EV330100000003",
                    "王芳"), "V-FHIR-P", "AMB", demoItems()));
        } finally {
            camel.getRouteController().startRoute("hl7-charges");
        }
        assertThat(pending.status()).as(pending.body()).isEqualTo(202);
        ClaimResponse queued = parse(pending, ClaimResponse.class);
        assertThat(queued.getOutcome().toCode()).isEqualTo("queued");
        String location = pending.headers().get("location").get(0);
        assertThat(location).endsWith("/ClaimResponse/" + queued.getIdElement().getIdPart());

        // the request stayed on its durable queue: once the consumer runs, the answer is there to GET
        String path = location.substring(location.indexOf("/fhir/") + "/fhir/".length());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> parse(get(path), ClaimResponse.class).getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE);
        Reply read = get(path);
        assertThat(read.status()).isEqualTo(200);
        ClaimResponse done = parse(read, ClaimResponse.class);
        assertThat(totals(done).get("submitted")).isEqualByComparingTo("322.00");
    }

    /**
     * A crash between the store and the queue leaves a RECEIVED row without an answer: the client's resend after
     * insurebridge.hl7.orphan-after takes it through (once), a younger one is still "being processed" (409).
     */
    @Test
    void aClaimStoredButNeverHandedOnIsReDrivenByTheResendExactlyOnce() throws Exception {
        String psnNo = "33010000000000000007";
        String body = claim("CLM-ORPHAN-1", "claim", patient("resident-id", "330105196005120740", "孙丽"),
                "V-FHIR-ORPHAN", "AMB", demoItems());
        long id = store.insertAccepted(stranded("Claim", "CLM-ORPHAN-1", body));
        jdbc.update("UPDATE messages SET updated_at = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(600)), id);
        assertThat(settlements(psnNo)).isZero();

        // the resend is re-serialised by the client (other whitespace): still the same request
        Reply redriven = post("Claim", fhir.newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(fhir.newJsonParser().parseResource(body)));
        assertThat(redriven.status()).as(redriven.body()).isEqualTo(200);
        ClaimResponse cr = parse(redriven, ClaimResponse.class);
        assertThat(cr.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
        assertThat(totals(cr).get("submitted")).isEqualByComparingTo("322.00");
        StoredMessage m = store.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(m.ackCode()).isEqualTo("AA");
        assertThat(store.hops(id)).extracting(StoredMessage.Hop::hop).containsOnlyOnce("recovered");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE control_id = 'CLM-ORPHAN-1'",
                Integer.class)).isEqualTo(1);
        assertThat(settlements(psnNo)).isEqualTo(1);

        // and again: answered from the store, nothing settled or recovered a second time
        Reply again = post("Claim", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(redriven.body());
        assertThat(settlements(psnNo)).isEqualTo(1);
        assertThat(store.hops(id)).extracting(StoredMessage.Hop::hop).containsOnlyOnce("recovered");

        // one just stored (its front door may still be waiting for the answer) is not taken over
        String young = claim("CLM-ORPHAN-2", "preauthorization", patient("resident-id", "33010219660214096X",
                "吴敏"), "V-FHIR-ORPHAN-2", "AMB", demoItems());
        long youngId = store.insertAccepted(stranded("Claim", "CLM-ORPHAN-2", young));
        Reply busy = post("Claim", young);
        assertThat(busy.status()).as(busy.body()).isEqualTo(409);
        assertThat(issues(busy).get(0).getDiagnostics()).contains("being processed");
        assertThat(store.find(youngId).orElseThrow().status()).isEqualTo(MessageStatus.RECEIVED);
        assertThat(store.hops(youngId)).extracting(StoredMessage.Hop::hop).doesNotContain("recovered");

        // an old orphan whose resend differs in content is not taken over either
        String changed = claim("CLM-ORPHAN-3", "preauthorization", patient("resident-id", "33010219660214096X",
                "吴敏"), "V-FHIR-ORPHAN-3", "AMB", demoItems());
        long changedId = store.insertAccepted(stranded("Claim", "CLM-ORPHAN-3", changed));
        jdbc.update("UPDATE messages SET updated_at = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(600)), changedId);
        Reply other = post("Claim", changed.replace("V-FHIR-ORPHAN-3", "V-FHIR-ORPHAN-X"));
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(issues(other).get(0).getDiagnostics()).contains("already used by a different request");
        assertThat(store.find(changedId).orElseThrow().status()).isEqualTo(MessageStatus.RECEIVED);
    }

    /** What the FHIR front door stores for a request before handing it on (FhirIntake). */
    static io.insurebridge.store.InboundMessage stranded(String type, String identifier, String body) {
        return new io.insurebridge.store.InboundMessage("fhir", io.insurebridge.inbound.InboundProcessing.PROTOCOL_FHIR,
                "FHIR/" + type, "H33010000001", "INSUREBRIDGE", null, identifier, type, "R4", "UTF-8", body);
    }

    int settlements(String psnNo) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED'",
                Integer.class, psnNo);
    }

    List<OperationOutcome.OperationOutcomeIssueComponent> issues(Reply reply) {
        return parse(reply, OperationOutcome.class).getIssue();
    }
}
