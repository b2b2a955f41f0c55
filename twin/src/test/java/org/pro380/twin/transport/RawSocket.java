package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A plain blocking socket that speaks raw bytes, for driving a transport as a Modbus client would. */
final class RawSocket implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 2000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawSocket connect(int port) throws IOException {
        return new RawSocket(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One write per byte, with a pause so that the server sees them apart. */
    void sendByteByByte(byte[] bytes) throws IOException, InterruptedException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            Thread.sleep(2);
        }
    }

    /** Exactly {@code n} bytes; fails on timeout or end of stream. */
    byte[] read(int n) throws IOException {
        byte[] bytes = new byte[n];
        for (int got = 0; got < n; ) {
            int r = in.read(bytes, got, n - got);
            if (r < 0) {
                throw new EOFException("connection closed after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return bytes;
    }

    /** Asserts that nothing arrives within {@code wait}. */
    void assertSilentFor(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    /** Asserts that the peer closes the connection without sending anything. */
    void assertClosedByPeer() throws IOException {
        assertThat(in.read()).as("end of stream").isEqualTo(-1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
