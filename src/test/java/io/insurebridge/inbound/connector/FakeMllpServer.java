package io.insurebridge.inbound.connector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A counterpart MLLP server (a pharmacy's or an agency's HL7 listener) on a real socket. The answer function gets
 * the message and how many times it was already received and returns the ACK, or null to stay silent (the
 * sender then times out).
 */
public class FakeMllpServer implements AutoCloseable {

    public final List<String> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final BiFunction<String, Integer, String> answer;
    private volatile long answerDelayMillis;

    public FakeMllpServer(BiFunction<String, Integer, String> answer) throws IOException {
        this(new ServerSocket(0), answer);
    }

    /** On a server socket of the caller's making, e.g. a TLS one ({@link #tls}). */
    public FakeMllpServer(ServerSocket server, BiFunction<String, Integer, String> answer) {
        this.server = server;
        this.answer = answer;
        Thread t = new Thread(this::acceptLoop, "fake-mllp");
        t.setDaemon(true);
        t.start();
    }

    /** A TLS server socket on a free port with the key in the PKCS12 keystore. */
    public static ServerSocket tls(java.nio.file.Path keystore, String password) throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl.getServerSocketFactory().createServerSocket(0);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void answerDelay(long millis) {
        this.answerDelayMillis = millis;
    }

    public static String ack(String message, String code, String text) {
        String controlId = message.split("\r")[0].split("\\|")[9];
        return "MSH|^~\\&|PHARM|P33010000001|INSUREBRIDGE|NHSA|20261130120000||ACK|A" + controlId + "|P|2.5.1\r"
                + "MSA|" + code + "|" + controlId + "|" + text + "\r";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "fake-mllp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                String message = readFrame(in);
                if (message == null) {
                    return;
                }
                int seen = (int) received.stream().filter(message::equals).count();
                received.add(message);
                String ack = answer.apply(message, seen);
                if (ack == null) {
                    Thread.sleep(60_000);   // silent: the sender's ACK timeout fires
                    return;
                }
                if (answerDelayMillis > 0) {
                    Thread.sleep(answerDelayMillis);
                }
                out.write(0x0b);
                out.write(ack.getBytes(StandardCharsets.UTF_8));
                out.write(0x1c);
                out.write(0x0d);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection closed by the sender
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != 0x0b);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1c) {
            if (b < 0) {
                return null;
            }
            frame.write(b);
        }
        in.read();
        return frame.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
