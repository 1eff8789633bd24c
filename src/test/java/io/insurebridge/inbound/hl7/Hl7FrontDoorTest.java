package io.insurebridge.inbound.hl7;

import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import io.insurebridge.support.AppTestSupport;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;

/** The HL7 front door over a real MLLP socket, with the real store and the real embedded broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "insurebridge.processing.enabled=false")
class Hl7FrontDoorTest {

    static final int MLLP_PORT = AppTestSupport.freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "frontdoor", MLLP_PORT);
    }

    @Autowired MessageStore store;
    @Autowired JmsTemplate jms;
    @Autowired TestRestTemplate http;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired org.apache.camel.CamelContext camel;

    static String msh(String type, String controlId) {
        return "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||" + type + "|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8";
    }

    static final String PID = "PID|1||330102198001150117^^^^ID~EV330100000001^^^^EV||张伟||19800115|M";
    static final String PV1 = "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||V20261130001";

    static String a04(String controlId) {
        return String.join("\r", msh("ADT^A04^ADT_A01", controlId), "EVN|A04|20261130100000", PID, PV1) + "\r";
    }

    static String p03(String controlId) {
        return String.join("\r", msh("DFT^P03^DFT_P03", controlId), "EVN|P03|20261130101000", PID, PV1,
                "DG1|1||I10.x00x002^原发性高血压^ICD10||20261130|F",
                "FT1|1|||20261130101000||CG|ZL1001^普通门诊诊查费|||1|10.00|10.00",
                "FT1|2|||20261130101000||CG|YP0001^苯磺酸氨氯地平片|||2|57.00|28.50") + "\r";
    }

    static String send(String message) throws Exception {
        return send(message, StandardCharsets.UTF_8);
    }

    static String send(String message, Charset charset) throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", MLLP_PORT, 20_000)) {
            return client.send(message, charset);
        }
    }

    static String id() {
        return UUID.randomUUID().toString().substring(0, 18);
    }

    long onQueue(String queue, String controlIdOrMessageId) {
        List<Long> ids = jms.browse(queue, (session, browser) -> {
            List<Long> found = new java.util.ArrayList<>();
            for (Message m : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                found.add(m.getLongProperty(QueueSender.HEADER_MESSAGE_ID));
            }
            return found;
        });
        long messageId = Long.parseLong(controlIdOrMessageId);
        return ids.stream().filter(i -> i == messageId).count();
    }

    StoredMessage storedFor(String ack) {
        String msa3 = field(ack, "MSA", 3);
        long id = Long.parseLong(msa3.replaceAll(".*#(\\d+).*", "$1"));
        return store.findWithHops(id).orElseThrow();
    }

    @Test
    void registrationWithChineseNameIsStoredQueuedAndAcknowledgedAA() throws Exception {
        String controlId = id();
        String ack = send(a04(controlId));

        assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
        assertThat(field(ack, "MSA", 2)).isEqualTo(controlId);
        // MSH-3/4 and 5/6 swapped, version and charset echoed
        assertThat(field(ack, "MSH", 3)).isEqualTo("INSUREBRIDGE");
        assertThat(field(ack, "MSH", 4)).isEqualTo("NHSA");
        assertThat(field(ack, "MSH", 5)).isEqualTo("HIS");
        assertThat(field(ack, "MSH", 6)).isEqualTo("H33010000001");
        assertThat(field(ack, "MSH", 9)).isEqualTo("ACK^A04^ACK");
        assertThat(field(ack, "MSH", 12)).isEqualTo("2.5.1");
        assertThat(field(ack, "MSH", 18)).isEqualTo("UNICODE UTF-8");

        StoredMessage stored = storedFor(ack);
        assertThat(stored.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(stored.raw()).contains("张伟").contains("内科");
        assertThat(stored.messageType()).isEqualTo("ADT^A04");
        assertThat(stored.queue()).isEqualTo("inbound.registration");
        assertThat(stored.ack()).isEqualTo(ack);
        assertThat(stored.hops()).extracting(StoredMessage.Hop::hop).containsSubsequence("received", "queued");
        assertThat(onQueue("inbound.registration", String.valueOf(stored.id()))).isEqualTo(1);
    }

    @Test
    void chargesGoToTheChargesQueue() throws Exception {
        String ack = send(p03(id()));
        assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
        StoredMessage stored = storedFor(ack);
        assertThat(stored.queue()).isEqualTo("inbound.charges");
        assertThat(onQueue("inbound.charges", String.valueOf(stored.id()))).isEqualTo(1);
        assertThat(onQueue("inbound.registration", String.valueOf(stored.id()))).isZero();
    }

    @Test
    void missingRequiredFieldIsAnsweredAEWithErrPointingAtIt() throws Exception {
        String controlId = id();
        String message = a04(controlId).replace(PID, "PID|1||||张伟||19800115|M");
        String ack = send(message);

        assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
        assertThat(field(ack, "MSA", 2)).isEqualTo(controlId);
        List<String> errs = segments(ack, "ERR");
        assertThat(errs).hasSize(1);
        String[] err = errs.get(0).split("\\|", -1);
        assertThat(err[2]).isEqualTo("PID^1^3^1^");            // ERR-2 segment, sequence, field
        assertThat(err[3]).isEqualTo("101^Required field missing^HL70357");
        assertThat(err[8]).contains("PID-3").contains("required");

        List<StoredMessage> rejected = store.search(new io.insurebridge.store.MessageQuery(MessageStatus.REJECTED,
                null, null, controlId, null, null, 0, 10));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).reason()).contains("PID-3");
        assertThat(rejected.get(0).ackCode()).isEqualTo("AE");
    }

    @Test
    void ft1QuantityThatIsNotANumberIsADataTypeErrorOnThatRepetition() throws Exception {
        String message = p03(id()).replace("|||2|57.00|28.50", "|||two|57.00|28.50");
        String ack = send(message);
        assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
        assertThat(segments(ack, "ERR")).singleElement().satisfies(err ->
                assertThat(err.split("\\|", -1)[2]).isEqualTo("FT1^2^10^1^"));
    }

    @Test
    void aFieldLongerThanTheLimitIsRefusedARNamingSegmentAndFieldAndStored() throws Exception {
        // insurebridge.hl7.max-field-length: 4096 characters (the default), counted as characters, not bytes
        String controlId = id();
        String longName = "张".repeat(4097);
        String ack = send(a04(controlId).replace("||张伟||", "||" + longName + "||"));

        assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AR");
        assertThat(field(ack, "MSA", 2)).isEqualTo(controlId);
        assertThat(ack).doesNotContain("张张");   // the ACK does not echo it
        String[] err = segments(ack, "ERR").get(0).split("\\|", -1);
        assertThat(err[2]).isEqualTo("PID^1^5^1^");
        assertThat(err[3]).isEqualTo("102^Data type error^HL70357");
        assertThat(err[8]).isEqualTo("PID-5 longer than 4096 characters (4097)");

        List<StoredMessage> rejected = store.search(new io.insurebridge.store.MessageQuery(MessageStatus.REJECTED,
                null, null, controlId, null, null, 0, 10));
        assertThat(rejected).singleElement().satisfies(m -> {
            assertThat(m.ackCode()).isEqualTo("AR");
            assertThat(m.reason()).contains("PID-5 longer than 4096 characters (4097)");
            assertThat(m.raw()).contains(longName);   // stored as received
            assertThat(m.ack()).isEqualTo(ack);
        });

        // the second FT1's charge item (FT1[2]-7) and MSH-10 itself: each named, one ERR per field
        String longId = "X".repeat(4100);
        String charges = send(p03(id()).replace("YP0001^", "YP0001" + "x".repeat(5000) + "^"));
        assertThat(field(charges, "MSA", 1)).isEqualTo("AR");
        assertThat(segments(charges, "ERR")).singleElement().satisfies(e -> {
            assertThat(e.split("\\|", -1)[2]).isEqualTo("FT1^2^7^1^");
            assertThat(e).contains("FT1[2]-7 longer than 4096 characters (5015)");
        });
        String both = send(a04(longId).replace("||张伟||", "||" + longName + "||"));
        assertThat(field(both, "MSA", 1)).isEqualTo("AR");
        assertThat(segments(both, "ERR")).hasSize(2);
        assertThat(segments(both, "ERR").get(0)).contains("MSH-10 longer than 4096 characters (4100)");
        assertThat(segments(both, "ERR").get(1)).contains("PID-5 longer than 4096 characters (4097)");

        // at the limit: accepted
        String atLimit = send(a04(id()).replace("||张伟||", "||" + "张".repeat(4096) + "||"));
        assertThat(field(atLimit, "MSA", 1)).as(atLimit).isEqualTo("AA");
    }

    /**
     * camel-mllp 4.17 cannot answer some frames by itself: sendAcknowledgement reads byte 3 of a frame of 0-3 bytes
     * (ShortFrameAck works around it), and with hl7Headers=true its MSH header reading indexes byte -1 of a frame that
     * starts with a segment separator (the listener keeps hl7Headers=false). The HIS gets an AR each time, on the same
     * connection, and every one is stored.
     */
    @Test
    void bareAndVeryShortMshFramesAreAnsweredAROnTheSameConnection() throws Exception {
        List<String> frames = List.of("", "M", "MS", "MSH", "MSH|", "MSH|^~\\&", "MSH|^~\\&|HIS|H33010000001",
                "MSH|^~\\&|HIS|H33010000001|||||" + "\r");
        long rejectedBefore = rejectedCount();
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 20_000)) {
            for (String frame : frames) {
                String ack = new String(his.sendBytes(frame.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                assertThat(field(ack, "MSA", 1)).as("frame '%s' -> %s", frame, ack).isEqualTo("AR");
                assertThat(segments(ack, "ERR")).as(ack).isNotEmpty();
            }
            assertThat(segments(new String(his.sendBytes("MSH".getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.UTF_8), "ERR").get(0)).contains("100^Segment sequence error")
                    .contains("does not start with an MSH segment");
            // a frame that starts with a segment separator (hl7Headers=true would throw before our processor)
            String leading = his.send("\r" + a04(id()), StandardCharsets.UTF_8);
            assertThat(field(leading, "MSA", 1)).as(leading).isEqualTo("AA");
            // still the same connection
            assertThat(field(his.send(a04(id()), StandardCharsets.UTF_8), "MSA", 1)).isEqualTo("AA");
        }
        assertThat(rejectedCount() - rejectedBefore).isEqualTo(frames.size() + 1);
        assertThat(camel.getEndpoints()).filteredOn(e -> e instanceof org.apache.camel.component.mllp.MllpEndpoint
                        && e.getEndpointUri().contains(":" + MLLP_PORT))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(((org.apache.camel.component.mllp.MllpEndpoint) e).getConfiguration()
                        .isHl7Headers()).as("hl7Headers of %s", e.getEndpointUri()).isFalse());
    }

    private long rejectedCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE status = 'REJECTED'", Long.class);
        return n == null ? 0 : n;
    }

    @Test
    void garbageWithoutMshIsRejectedAR() throws Exception {
        String ack = send("HELLO THIS IS NOT HL7\r");
        assertThat(field(ack, "MSA", 1)).isEqualTo("AR");
        assertThat(segments(ack, "ERR").get(0)).contains("100^Segment sequence error");
        List<StoredMessage> rejected = store.search(new io.insurebridge.store.MessageQuery(MessageStatus.REJECTED,
                null, null, null, null, null, 0, 500));
        assertThat(rejected).anySatisfy(m -> assertThat(m.raw()).startsWith("HELLO THIS IS NOT HL7"));
    }

    @Test
    void unsupportedTypeAndVersionAreRejectedAR() throws Exception {
        String oru = send(a04(id()).replace("ADT^A04^ADT_A01", "ORU^R01^ORU_R01"));
        assertThat(field(oru, "MSA", 1)).isEqualTo("AR");
        assertThat(segments(oru, "ERR").get(0)).contains("200^Unsupported message type");

        String a01 = send(a04(id()).replace("ADT^A04^ADT_A01", "ADT^A01^ADT_A01"));
        assertThat(field(a01, "MSA", 1)).isEqualTo("AR");
        assertThat(segments(a01, "ERR").get(0)).contains("201^Unsupported event code");

        String v26 = send(a04(id()).replace("|P|2.5.1|", "|P|2.6|"));
        assertThat(field(v26, "MSA", 1)).isEqualTo("AR");
        assertThat(field(v26, "MSH", 12)).isEqualTo("2.6");
        assertThat(segments(v26, "ERR").get(0)).contains("203^Unsupported version id");
        StoredMessage stored = store.search(new io.insurebridge.store.MessageQuery(null, null, null,
                field(v26, "MSA", 2), null, null, 0, 5)).get(0);
        assertThat(stored.status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(stored.reason()).contains("2.6");
    }

    @Test
    void sameControlIdTwiceIsEnqueuedOnceAndGetsTheIdenticalAck() throws Exception {
        String message = a04(id());
        String first = send(message);
        String second = send(message);
        assertThat(second).isEqualTo(first);
        StoredMessage stored = storedFor(first);
        assertThat(onQueue("inbound.registration", String.valueOf(stored.id()))).isEqualTo(1);
        assertThat(stored.hops()).extracting(StoredMessage.Hop::hop).contains("duplicate");
        assertThat(store.search(new io.insurebridge.store.MessageQuery(null, null, null, field(first, "MSA", 2),
                null, null, 0, 5))).hasSize(1);
    }

    @Test
    void crLfAndCrLfSeparatorsAreAllAccepted() throws Exception {
        for (String separator : List.of("\r", "\n", "\r\n")) {
            String message = a04(id()).replace("\r", separator);
            String ack = send(message);
            assertThat(field(ack, "MSA", 1)).as("separator %s", separator.replace("\r", "CR").replace("\n", "LF"))
                    .isEqualTo("AA");
        }
    }

    @Test
    void msh18CharsetIsHonoured() throws Exception {
        Charset gb = Charset.forName("GB18030");
        String message = a04(id()).replace("UNICODE UTF-8", "GB 18030-2000");
        String ack = send(message, gb);
        assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
        assertThat(storedFor(ack).raw()).contains("张伟");
        assertThat(storedFor(ack).charset()).isEqualTo("GB18030");
    }

    @Test
    void messagesApiListsAndShowsAMessage() throws Exception {
        String controlId = id();
        String ack = send(a04(controlId));
        long id = storedFor(ack).id();

        @SuppressWarnings("unchecked")
        Map<String, Object> list = io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.AUDITOR, http).getForObject("/api/messages?controlId=" + controlId, Map.class);
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("items");
        assertThat(items).singleElement().satisfies(m -> {
            assertThat(m.get("status")).isEqualTo("QUEUED");
            assertThat(m.get("messageType")).isEqualTo("ADT^A04");
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> one = io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.AUDITOR, http).getForObject("/api/messages/" + id, Map.class);
        // the API shows an auditor the name masked (docs/security.md); decoded as UTF-8 all the same
        assertThat((String) one.get("raw")).contains("张*").doesNotContain("张伟");
        assertThat((String) one.get("ack")).contains("MSA|AA|" + controlId);
        assertThat((List<?>) one.get("hops")).hasSizeGreaterThanOrEqualTo(2);

        @SuppressWarnings("unchecked")
        Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(((Map<String, Object>) health.get("components")).keySet()).contains("db", "jms", "hazelcast");
    }
}
