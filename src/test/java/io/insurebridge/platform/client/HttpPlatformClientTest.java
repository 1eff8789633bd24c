package io.insurebridge.platform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.insurebridge.model.SettleMode;
import io.insurebridge.platform.DemoWorld;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.PlatformUnavailableException;
import io.insurebridge.platform.SimulatedPlatform;
import io.insurebridge.platform.TransactionInputs;

/** The HTTP transport against a tiny HTTP server that answers with the simulated platform (or does not answer). */
class HttpPlatformClientTest {

    private final SimulatedPlatform simulator = new SimulatedPlatform(DemoWorld.snapshot());
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fsi/api/callService", this::answer);
        server.createContext("/silent", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void postsTheEnvelopeAndReadsTheAnswer() {
        PlatformResponse response = client("/fsi/api/callService", Duration.ofSeconds(5)).call(personQuery());

        assertThat(response.infcode()).isZero();
        assertThat(response.output().path("baseinfo").path("psn_name").asText()).isEqualTo("张伟");
        assertThat(response.output().path("insuinfo").get(0).path("balc").decimalValue()).isEqualByComparingTo("1000.00");
    }

    @Test
    void noAnswerInTimeIsATimeoutCarryingTheMsgid() {
        PlatformRequest request = personQuery();
        long started = System.nanoTime();

        assertThatThrownBy(() -> client("/silent", Duration.ofMillis(500)).call(request))
                .isInstanceOfSatisfying(PlatformTimeoutException.class,
                        e -> assertThat(e.msgid()).isEqualTo(request.msgid()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedConnectionIsUnavailableNotPending() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PlatformProperties properties = new PlatformProperties(PlatformProperties.Transport.HTTP,
                Duration.ofSeconds(2), Duration.ofSeconds(1), "http://127.0.0.1:" + closedPort + "/fsi/api/callService",
                null, null, null, null, null, null);
        assertThatThrownBy(() -> new HttpPlatformClient(properties).call(personQuery()))
                .isInstanceOf(PlatformUnavailableException.class);
    }

    private HttpPlatformClient client(String path, Duration timeout) {
        return new HttpPlatformClient(new PlatformProperties(PlatformProperties.Transport.HTTP, timeout, null,
                "http://127.0.0.1:" + server.getAddress().getPort() + path, null, null, null, null, null, null));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        PlatformResponse response = simulator.answer(PlatformJson.read(body, PlatformRequest.class));
        byte[] json = PlatformJson.write(response).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(200, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private static PlatformRequest personQuery() {
        return new PlatformRequest("1101", "H33010000001202603020916050001", "330100", "330100", "YBXT", null, null,
                null, null, "V1.0", "1", "C0042", "收费员李", "2026-03-02 09:16:05", DemoWorld.HOSPITAL,
                "Demo East First People's Hospital", null,
                TransactionInputs.personInfo1101(DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE)));
    }
}
