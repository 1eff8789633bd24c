package io.insurebridge.inbound.hl7;

import javax.net.SocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;

/**
 * A plain MLLP client (start block 0x0B, end block 0x1C 0x0D) over one kept-open connection, as a HIS uses it:
 * for the demo feed, the benchmark and tests. Not thread-safe: one per sending thread.
 */
public class MllpClient implements Closeable {

    private static final int START = 0x0b;
    private static final int END = 0x1c;
    private static final int CR = 0x0d;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(String host, int port, int timeoutMillis) throws IOException {
        this(SocketFactory.getDefault(), host, port, timeoutMillis);
    }

    public MllpClient(SocketFactory factory, String host, int port, int timeoutMillis) throws IOException {
        this.socket = factory.createSocket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** How long to wait for an acknowledgement (the connect timeout is the default). */
    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Sends one message and waits for its acknowledgement. */
    public String send(String message, Charset charset) throws IOException {
        return new String(sendBytes(message.getBytes(charset)), charset);
    }

    public byte[] sendBytes(byte[] payload) throws IOException {
        out.write(START);
        out.write(payload);
        out.write(END);
        out.write(CR);
        out.flush();
        return readFrame();
    }

    private byte[] readFrame() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement arrived");
            }
        } while (b != START);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(512);
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new SocketTimeoutException("connection closed inside an acknowledgement");
            }
            if (b == END) {
                in.read(); // the trailing CR
                return frame.toByteArray();
            }
            frame.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
