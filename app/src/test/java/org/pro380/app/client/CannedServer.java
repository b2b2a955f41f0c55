package org.pro380.app.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A misbehaving RTU-over-TCP peer for error paths: reads each 8-byte request and answers with
 * whatever {@code reply} makes of it (nothing, if it returns an empty array).
 */
final class CannedServer implements AutoCloseable {
    final AtomicInteger requests = new AtomicInteger();
    private final ServerSocket server;

    CannedServer(UnaryOperator<byte[]> reply) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(reply), "canned-server");
        t.setDaemon(true);
        t.start();
    }

    /** The requests read, once there are {@code expected} or 5 s have passed (a client's timeout can come first). */
    int requestsOnceAtLeast(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (requests.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return requests.get();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void serve(UnaryOperator<byte[]> reply) {
        while (!server.isClosed()) {
            try (Socket s = server.accept();
                    InputStream in = s.getInputStream()) {
                byte[] request;
                while ((request = in.readNBytes(8)).length == 8) {
                    requests.incrementAndGet();
                    s.getOutputStream().write(reply.apply(request));
                }
            } catch (IOException e) {
                // next connection
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
