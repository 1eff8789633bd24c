package io.insurebridge.crossregion;

import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.security.TestCertificates;
import io.insurebridge.support.AppTestSupport;
import jakarta.jms.Connection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.insurebridge.crossregion.CrossRegionSettlementTest.send;
import static io.insurebridge.crossregion.CrossRegionSettlementTest.zst;
import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutual TLS between the nodes: each broker acceptor demands a client certificate signed by the test CA (made here,
 * never committed), each peer file presents its node's certificate. An off-site visit is registered and settled over
 * those links; a client without a certificate, or without TLS, is refused by the peer's broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRegionMutualTlsTest {
    final PeerNodes.Node east = new PeerNodes.Node("tls-east", PeerNodes.EAST, AppTestSupport.freePort());
    final PeerNodes.Node west = new PeerNodes.Node("tls-west", PeerNodes.WEST, null);
    Path certs;

    @BeforeAll
    void start() throws Exception {
        certs = Files.createTempDirectory("insurebridge-xr-tls-");
        TestCertificates pki = new TestCertificates();
        Path trust = pki.trustStore(certs.resolve("peers-truststore.p12"));
        east.keystore = pki.keyStore(certs.resolve("node-330100.p12"), "CN=node-330100", true);
        west.keystore = pki.keyStore(certs.resolve("node-510100.p12"), "CN=node-510100", true);
        east.truststore = trust;
        west.truststore = trust;
        PeerNodes.prepare(east, west);
        PeerNodes.prepare(west, east);
        PeerNodes.start(west);
        PeerNodes.start(east);
    }

    @AfterAll
    void stop() throws IOException {
        east.stop();
        west.stop();
        FileSystemUtils.deleteRecursively(certs);
    }

    @Test
    void anOffSiteVisitIsRegisteredAndSettledOverTheMutualTlsLinks() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", east.mllpPort, 120_000)) {
            String registered = send(his, Hl7.register("TLS-A04-1", Hl7.CHEN_JING, "陈静", "V-TLS-1"));
            assertThat(field(registered, "MSA", 1)).as(registered).isEqualTo("AA");
            assertThat(segments(registered, "ZIV").get(0)).startsWith("ZIV|51010000000000000005|陈静|390|510100|");

            String settled = send(his, Hl7.charges("TLS-P03-1", Hl7.CHEN_JING, "陈静", "V-TLS-1", "SETTLE"));
            assertThat(field(settled, "MSA", 1)).as(settled).isEqualTo("AA");
            // the insured place's policy applied at west (same figures as over plain TCP: CrossRegionSettlementTest)
            assertThat(zst(settled).get(0)).isEqualTo("322.00");
            assertThat(zst(settled).get(6)).isEqualTo("66.80");
            assertThat(field(settled, "ZST", 1)).startsWith("S510100");
        }
        assertThat(east.bean(PeerLinks.class).get(PeerNodes.WEST).state()).isEqualTo(PeerLinks.State.UP);
        assertThat(west.bean(PeerLinks.class).get(PeerNodes.EAST).state()).isEqualTo(PeerLinks.State.UP);
    }

    @Test
    void theBrokerRefusesAClientWithoutItsCertificateOrWithoutTls() {
        String base = "tcp://127.0.0.1:" + west.brokerPort + "?initialConnectAttempts=1&reconnectAttempts=0"
                + "&callTimeout=5000";
        // trusts the broker but presents no certificate of its own
        String noCertificate = base + "&sslEnabled=true&trustStorePath=" + west.truststore
                + "&trustStorePassword=" + TestCertificates.PASSWORD;
        for (String url : new String[] {noCertificate, base}) {
            assertThatThrownBy(() -> {
                try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
                     Connection connection = factory.createConnection()) {
                    connection.start();
                }
            }).as(url).isInstanceOf(jakarta.jms.JMSException.class);
        }
        // the node's own certificate is accepted
        String withCertificate = noCertificate + "&keyStorePath=" + east.keystore + "&keyStorePassword="
                + TestCertificates.PASSWORD;
        assertThat(connects(withCertificate)).isTrue();
    }

    private static boolean connects(String url) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             Connection connection = factory.createConnection()) {
            connection.start();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
