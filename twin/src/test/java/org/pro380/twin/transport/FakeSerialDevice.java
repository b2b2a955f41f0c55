package org.pro380.twin.transport;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;

/** A serial device that records what is done to it, in order; the test puts bytes on its line. */
final class FakeSerialDevice implements SerialDevice {

    final List<String> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    /** While held, a write blocks, as on a pty whose other end reads nothing. */
    private volatile CountDownLatch hold = new CountDownLatch(0);

    /** From now on writes block until {@link #releaseWrites}. */
    void holdWrites() {
        hold = new CountDownLatch(1);
    }

    void releaseWrites() {
        hold.countDown();
    }

    /** Chunks put on the line and not read yet. */
    int unread() {
        return incoming.size();
    }

    void arrive(byte[] bytes) {
        incoming.add(bytes.clone());
    }

    @Override
    public int read(byte[] buffer) {
        try {
            byte[] chunk = closed ? null : incoming.poll(20, TimeUnit.MILLISECONDS);
            if (chunk == null) {
                return closed ? -1 : 0;
            }
            System.arraycopy(chunk, 0, buffer, 0, chunk.length);
            return chunk.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public boolean write(byte[] frame) {
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        events.add("write " + Hex.format(frame));
        return true;
    }

    @Override
    public void drain() {
        events.add("drain");
    }

    @Override
    public boolean configure(LineSettings line) {
        events.add("configure " + SerialRtuPort.format(line));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        releaseWrites();
    }
}
