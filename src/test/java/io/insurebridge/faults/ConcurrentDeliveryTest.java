package io.insurebridge.faults;

import io.insurebridge.inbound.hl7.Hl7Processing;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.store.InboundMessage;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/**
 * Two deliveries of one message processed at the same time (a redelivery after a broker or session failure while
 * the first processing still runs; seen in BrokerRestartUnderLoadTest): the first to finish decides the answer, a
 * later delivery's failure or "pending" does not overwrite it. The other delivery is simulated inside the national
 * transaction: it finishes the message (AA) just before this delivery fails.
 */
@SpringBootTest(properties = "insurebridge.processing.enabled=false")
class ConcurrentDeliveryTest {

    static final int MLLP_PORT = AppTestSupport.freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "concurrent-delivery", MLLP_PORT);
    }

    @MockitoBean OutpatientFlow flow;
    @Autowired Hl7Processing processing;
    @Autowired MessageStore store;

    long stored(String controlId) {
        return store.insertAccepted(new InboundMessage("demo-hospital", "HL7v2", "HIS", "H33010000001",
                "INSUREBRIDGE", "NHSA", controlId, "ADT^A04", "2.5.1", "UTF-8",
                DeadLetterAndFailureAckTest.a04(controlId, "V-" + controlId)));
    }

    static String aa(String controlId) {
        return "MSH|^~\\&|INSUREBRIDGE|NHSA|HIS|H33010000001|20261130100001||ACK^A04^ACK|A-" + controlId
                + "|P|2.5.1\rMSA|AA|" + controlId + "|processed by the other delivery\r";
    }

    @Test
    void aLaterDeliverysFailureDoesNotOverwriteTheAnswerOfTheOneThatFinishedFirst() {
        long id = stored("CD-FAIL");
        when(flow.register(any())).thenAnswer(call -> {
            store.updateStatus(id, MessageStatus.PROCESSED, null, aa("CD-FAIL"), "AA");   // the other delivery
            throw new DuplicateKeyException("gateway_visits_visit_uk: the other delivery registered the visit");
        });

        String answer = processing.process(id);

        assertThat(answer).isEqualTo(aa("CD-FAIL"));
        StoredMessage m = store.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(m.ackCode()).isEqualTo("AA");
        assertThat(m.ack()).isEqualTo(aa("CD-FAIL"));
        assertThat(store.hops(id)).filteredOn(h -> h.hop().equals("duplicate")).singleElement()
                .satisfies(h -> assertThat(h.detail()).contains("another delivery finished it first (PROCESSED AA)")
                        .contains("DuplicateKeyException"));
    }

    @Test
    void aLaterDeliverysPendingDoesNotOverwriteItEither() {
        long id = stored("CD-PENDING");
        when(flow.register(any())).thenAnswer(call -> {
            store.updateStatus(id, MessageStatus.PROCESSED, null, aa("CD-PENDING"), "AA");
            throw new PlatformTimeoutException("M1", "1101", "no answer from the platform", null);
        });

        assertThat(processing.process(id)).isEqualTo(aa("CD-PENDING"));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(store.hops(id)).extracting(StoredMessage.Hop::hop).contains("duplicate");
    }

    @Test
    void withoutAnotherDeliveryAFailureIsStoredAsBefore() {
        long id = stored("CD-ALONE");
        when(flow.register(any())).thenThrow(new DuplicateKeyException("gateway_visits_visit_uk"));

        String answer = processing.process(id);

        assertThat(AppTestSupport.field(answer, "MSA", 1)).isEqualTo("AE");
        assertThat(answer).contains("can be re-driven");
        StoredMessage m = store.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(m.ack()).isEqualTo(answer);
        assertThat(store.hops(id)).extracting(StoredMessage.Hop::hop).doesNotContain("duplicate");
    }

    /** The check and the write are one statement: a finished message is never overwritten, an unfinished one is. */
    @Test
    void theConditionalWriteTakesAnUnfinishedMessageAndRefusesAFinishedOne() {
        long id = stored("CD-COND");
        store.updateStatus(id, MessageStatus.PROCESSING, null, null, null);
        assertThat(store.updateStatusUnlessFinished(id, MessageStatus.PENDING, "slow", "ack-pending", "AE")).isTrue();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);

        store.updateStatus(id, MessageStatus.PROCESSED, null, aa("CD-COND"), "AA");
        assertThat(store.updateStatusUnlessFinished(id, MessageStatus.FAILED, "late", "ack-failed", "AE")).isFalse();
        StoredMessage m = store.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(m.ack()).isEqualTo(aa("CD-COND"));
        assertThat(store.hops(id)).extracting(StoredMessage.Hop::hop).doesNotContain("failed");
    }
}
