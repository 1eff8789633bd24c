package io.insurebridge.inbound.connector;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A counterpart HTTP endpoint on a real socket: records each POST (content type + body) and answers a status. */
class FakeHttpServer implements AutoCloseable {

    record Request(String path, String contentType, String token, String body) {}

    final List<Request> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    /** status(body, times this body was already received) */
    FakeHttpServer(BiFunction<String, Integer, Integer> status) throws IOException {
        this(0, 0, status);
    }

    /** On a given port (0: any), answering each request after delayMs (a slow counterpart). */
    FakeHttpServer(int port, long delayMs, BiFunction<String, Integer, Integer> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int seen = (int) received.stream().filter(r -> r.body().equals(body)).count();
            received.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Agency-Token"), body));
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.apply(body, seen), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
