package org.pro380.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.pro380.protocol.DecodedRequest;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.ExceptionResponse;
import org.pro380.protocol.MbapCodec;
import org.pro380.protocol.MbapFrame;
import org.pro380.protocol.MbapFramer;
import org.pro380.protocol.PduCodec;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.ReadHoldingRegistersResponse;
import org.pro380.protocol.Request;
import org.pro380.protocol.Response;
import org.pro380.protocol.RtuCodec;
import org.pro380.protocol.RtuFramer;
import org.pro380.protocol.UnitPdu;
import org.pro380.protocol.WriteSingleRegister;
import org.pro380.protocol.WriteSingleRegisterResponse;
import org.pro380.registers.Block;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * A stand-in meter on a loopback TCP port for the client's unit tests, with RTU or MBAP framing,
 * that can misbehave on demand: stay silent, damage its CRC, answer as another unit, refuse with
 * an exception. Reads outside the blocks get 02; writes are checked with the map's rules.
 */
final class FakeMeter implements AutoCloseable {
    enum Misbehaviour {
        NONE,
        SILENT,
        DAMAGED_CRC,
        OTHER_UNIT,
        TRUNCATED
    }

    final int[] memory = SampleValues.memory(SampleValues.values());
    final AtomicInteger requests = new AtomicInteger();
    volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    volatile ExceptionCode refuseWith;
    volatile int unitId = 1;
    /** Holds the reply to the next request this long (then 0): a meter slower than the client's timeout, once. */
    volatile long delayNextReplyMillis;
    /** Holds the reply to the next request until another request comes: a reply late past any timeout. */
    volatile boolean holdNextReply;
    /** Answers the next write, then nothing more: a meter that loses power as it takes a change. */
    volatile boolean silentAfterNextWrite;

    private final boolean rtu;
    /** The held reply of each connection (one thread each). */
    private final ThreadLocal<byte[]> held = new ThreadLocal<>();

    private final ServerSocket server;
    private final Thread acceptor;

    FakeMeter(boolean rtu) throws IOException {
        this.rtu = rtu;
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-meter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The requests received, once there are at least {@code expected} or 5 s have passed: the
     * client may give up on a request (a timeout) before this meter's thread has counted it.
     */
    int requestsOnceAtLeast(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (requests.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return requests.get();
    }

    int port() {
        return server.getLocalPort();
    }

    Endpoint endpoint() {
        return rtu ? new Endpoint.RtuOverTcp("127.0.0.1", port()) : new Endpoint.ModbusTcp("127.0.0.1", port());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "fake-meter-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        RtuFramer rtuFramer = new RtuFramer(RtuFramer.Side.REQUESTS);
        MbapFramer mbapFramer = new MbapFramer();
        byte[] buf = new byte[512];
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (rtu) {
                    for (UnitPdu f : rtuFramer.feed(buf, 0, n)) {
                        answer(f.unitId(), f.pdu(), out, -1);
                    }
                } else {
                    for (MbapFrame f : mbapFramer.feed(buf, 0, n)) {
                        answer(f.unitId(), f.pdu(), out, f.transactionId());
                    }
                }
            }
        } catch (Exception e) {
            // connection ends
        }
    }

    private void answer(int unit, byte[] pdu, OutputStream out, int transactionId) throws IOException {
        requests.incrementAndGet();
        if (held.get() != null) {
            out.write(held.get());
            out.flush();
            held.remove();
        }
        if (unit != 0 && unit != unitId || misbehaviour == Misbehaviour.SILENT) {
            return;
        }
        int from = misbehaviour == Misbehaviour.OTHER_UNIT ? unitId + 1 : unitId;
        DecodedRequest decoded = PduCodec.decodeRequest(pdu);
        Response response = decoded instanceof DecodedRequest.Ok ok
                ? execute(ok.request())
                : ((DecodedRequest.Rejected) decoded).reply();
        if (response instanceof WriteSingleRegisterResponse w && w.address() == Registers.UNIT_ID.address()) {
            unitId = w.value(); // at once: a request sent meanwhile to the old id goes unanswered
        }
        if (unit == 0 && !(response instanceof ReadHoldingRegistersResponse)) {
            return;
        }
        byte[] reply = PduCodec.encode(response);
        byte[] adu = rtu ? RtuCodec.encode(from, reply) : MbapCodec.encode(new MbapFrame(transactionId, from, reply));
        if (misbehaviour == Misbehaviour.DAMAGED_CRC) {
            adu[adu.length - 1] ^= 0x55;
        }
        if (misbehaviour == Misbehaviour.TRUNCATED) {
            adu = java.util.Arrays.copyOf(adu, adu.length - 3);
        }
        if (holdNextReply) {
            holdNextReply = false;
            held.set(adu);
            return;
        }
        long delay = delayNextReplyMillis;
        delayNextReplyMillis = 0;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        out.write(adu);
        out.flush();
        if (silentAfterNextWrite && response instanceof WriteSingleRegisterResponse) {
            misbehaviour = Misbehaviour.SILENT;
        }
    }

    private Response execute(Request request) {
        if (refuseWith != null) {
            return new ExceptionResponse(request.functionCode(), refuseWith);
        }
        if (request instanceof ReadHoldingRegisters r) {
            if (List.of(Block.values()).stream().noneMatch(b -> b.contains(r.address(), r.quantity()))) {
                return new ExceptionResponse(3, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            return new ReadHoldingRegistersResponse(
                    java.util.Arrays.copyOfRange(memory, r.address(), r.address() + r.quantity()));
        }
        if (request instanceof WriteSingleRegister w) {
            Register<?> target = Registers.MAP.startingAt(w.address()).orElse(null);
            if (target == null || !target.writable()) {
                return new ExceptionResponse(6, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            if (target.rejectWrite(new int[] {w.value()}).isPresent()) {
                return new ExceptionResponse(6, ExceptionCode.ILLEGAL_DATA_VALUE);
            }
            memory[w.address()] = w.value();
            return new WriteSingleRegisterResponse(w.address(), w.value());
        }
        return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
    }
}
