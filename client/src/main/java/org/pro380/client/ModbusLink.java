package org.pro380.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.pro380.protocol.ExceptionResponse;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.MalformedPduException;
import org.pro380.protocol.MbapCodec;
import org.pro380.protocol.PduCodec;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.ReadHoldingRegistersResponse;
import org.pro380.protocol.ReadInputRegisters;
import org.pro380.protocol.ReadInputRegistersResponse;
import org.pro380.protocol.Request;
import org.pro380.protocol.Response;
import org.pro380.protocol.UnitPdu;
import org.pro380.protocol.WriteSingleRegister;
import org.pro380.protocol.WriteSingleRegisterResponse;
import org.pro380.registers.Registers;
import org.pro380.registers.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to a unit and waits for its reply, one at a time: the timeout, the retries,
 * each failure as its own exception, and the count of requests and bytes on the wire.
 * Blocking and single-threaded, as a Modbus master on a half-duplex line is.
 */
public final class ModbusLink implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusLink.class);
    /** After a damaged frame, how long the line must stay quiet before the CRC error is reported. */
    private static final long QUIET_AFTER_DAMAGE_NANOS = 50_000_000L;
    /** The pause after a broadcast, in which the meters act on it. */
    private static final long BROADCAST_PAUSE_MILLIS = 50;

    private static final int MAX_KEPT = 512;

    private final Endpoint endpoint;
    private final Port port;
    private final Framing framing;
    private final byte[] buffer = new byte[MbapCodec.MAX_ADU];
    private final long timeoutNanos;
    private final int retries;
    private Traffic traffic = Traffic.NONE;
    /** Whether a silent TCP link may still be asked in the other framing once (see {@link #diagnose}). */
    private boolean mayAskOtherFraming;
    /** The unit of the last request that got no reply: its reply may still come, late. */
    private int unanswered = -1;

    private ModbusLink(
            Endpoint endpoint, Port port, Framing framing, Duration timeout, int retries, boolean mayAskOtherFraming) {
        this.endpoint = endpoint;
        this.port = port;
        this.framing = framing;
        this.timeoutNanos = timeout.toNanos();
        this.retries = retries;
        this.mayAskOtherFraming = mayAskOtherFraming;
    }

    /** Opens the serial port or TCP connection. */
    public static ModbusLink open(Endpoint endpoint, Duration timeout, int retries) throws ClientException {
        return open(endpoint, timeout, retries, true);
    }

    private static ModbusLink open(Endpoint endpoint, Duration timeout, int retries, boolean mayAskOtherFraming)
            throws ClientException {
        int connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (endpoint instanceof Endpoint.Serial s) {
            return new ModbusLink(
                    s, SerialLinePort.open(s.path(), s.line()), new RtuFraming(), timeout, retries, false);
        } else if (endpoint instanceof Endpoint.RtuOverTcp t) {
            return new ModbusLink(
                    t,
                    TcpPort.connect(t.host(), t.port(), connectMillis),
                    new RtuFraming(),
                    timeout,
                    retries,
                    mayAskOtherFraming);
        }
        Endpoint.ModbusTcp t = (Endpoint.ModbusTcp) endpoint;
        return new ModbusLink(
                t,
                TcpPort.connect(t.host(), t.port(), connectMillis),
                new MbapFraming(),
                timeout,
                retries,
                mayAskOtherFraming);
    }

    /** Reads {@code quantity} registers from {@code address} (function 03). */
    public int[] readRegisters(int unitId, int address, int quantity) throws ClientException {
        return ((ReadHoldingRegistersResponse) transact(unitId, new ReadHoldingRegisters(address, quantity))).values();
    }

    /** Reads {@code quantity} input registers from {@code address} (function 04), as another make of meter keeps them. */
    public int[] readInputRegisters(int unitId, int address, int quantity) throws ClientException {
        return ((ReadInputRegistersResponse) transact(unitId, new ReadInputRegisters(address, quantity))).words();
    }

    /** Writes one register (function 06) and checks the echo. */
    public void writeRegister(int unitId, int address, int value) throws ClientException {
        transact(unitId, new WriteSingleRegister(address, value));
    }

    /** Sends a request to unit 0, which every meter executes and none answers. */
    public void broadcast(Request request) throws ClientException {
        byte[] adu = framing.encode(0, PduCodec.encode(request));
        try {
            port.discardInput();
            port.write(adu);
            LOG.debug("{} -> {}", port.describe(), Hex.format(adu));
            traffic = traffic.plus(new Traffic(1, adu.length, 0));
            Thread.sleep(BROADCAST_PAUSE_MILLIS);
        } catch (IOException e) {
            throw lost(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionFailedException("interrupted");
        }
    }

    /** Sends a request and returns its reply; retries after timeouts, damaged replies and replies from another unit. */
    public Response transact(int unitId, Request request) throws ClientException {
        byte[] pdu = PduCodec.encode(request);
        ClientException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                Response response = attempt(unitId, request, pdu, attempt == 0);
                unanswered = -1;
                return response;
            } catch (ClientException e) {
                if (!e.retryable()) {
                    throw diagnose(unitId, request, e);
                }
                LOG.debug("attempt {} of {} failed: {}", attempt + 1, retries + 1, e.getMessage());
                last = e;
            }
        }
        unanswered = last instanceof NoReplyException ? unitId : -1;
        throw diagnose(unitId, request, last);
    }

    /**
     * A TCP link that never received a byte (a timeout, or the peer closing the connection) may
     * be the wrong kind of port: the same question, as a read, is asked once on a new connection
     * in the other framing. If that is answered, the failure becomes a {@link WrongTransportException}
     * that says what to try. Only a read is sent, so a write is never carried out by the probe.
     */
    private ClientException diagnose(int unitId, Request request, ClientException failure) {
        Optional<Endpoint> other = TransportGuess.otherFraming(endpoint);
        boolean silentLink = failure instanceof NoReplyException || failure instanceof ConnectionFailedException;
        if (!mayAskOtherFraming || other.isEmpty() || !silentLink || traffic.bytesReceived() > 0) {
            return failure;
        }
        mayAskOtherFraming = false;
        int address = request instanceof WriteSingleRegister w
                ? w.address()
                : request instanceof ReadHoldingRegisters r ? r.address() : Registers.UNIT_ID.address();
        try (ModbusLink probe = open(other.get(), Duration.ofNanos(timeoutNanos), 0, false)) {
            probe.readRegisters(unitId, address, 1);
        } catch (ExceptionReplyException | WrongUnitException answered) {
            LOG.debug("{} answers in the other framing: {}", port.describe(), answered.getMessage());
        } catch (ClientException silentToo) {
            return failure;
        }
        return new WrongTransportException(failure.getMessage() + ", " + TransportGuess.answeredIn(other.get()));
    }

    /** Requests and bytes sent and received since the link was opened. */
    public Traffic traffic() {
        return traffic;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The serial line's settings; empty over TCP. */
    public Optional<LineSettings> line() {
        return port instanceof SerialLinePort s ? Optional.of(s.line()) : Optional.empty();
    }

    /**
     * Reopens a serial port at new settings, to follow the meter after its baud or parity changed.
     * Over TCP the line is the gateway's (or there is none): nothing changes, and false is returned.
     */
    public boolean changeLine(LineSettings line) throws ClientException {
        if (port instanceof SerialLinePort s) {
            s.reopen(line);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        port.close();
    }

    private Response attempt(int unitId, Request request, byte[] pdu, boolean first) throws ClientException {
        try {
            if (first) {
                port.discardInput();
                framing.reset();
            } else {
                framing.newAttempt();
            }
            byte[] adu = framing.encode(unitId, pdu);
            port.write(adu);
            LOG.debug("{} -> {}", port.describe(), Hex.format(adu));
            traffic = traffic.plus(new Traffic(1, adu.length, 0));
            return awaitReply(unitId, request);
        } catch (IOException e) {
            throw e instanceof ClientException c ? c : lost(e);
        }
    }

    private Response awaitReply(int unitId, Request request) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw noReply(unitId, seen.toByteArray());
            }
            int n = port.read(buffer, (int) Math.max(1, (left + 999_999) / 1_000_000));
            if (n < 0) {
                throw recognised(seen.toByteArray())
                        .orElseGet(() -> new ConnectionFailedException("connection closed by " + port.describe()));
            }
            if (n == 0) {
                continue;
            }
            traffic = traffic.plus(new Traffic(0, 0, n));
            if (seen.size() < MAX_KEPT) {
                seen.write(buffer, 0, n);
            }
            Optional<UnitPdu> reply;
            try {
                reply = framing.feed(buffer, n);
                while (reply.isPresent() && isLateReply(unitId, reply.get())) {
                    LOG.debug("{}: a late reply of unit {} skipped", port.describe(), unanswered);
                    unanswered = -1;
                    reply = framing.feed(buffer, 0);
                }
            } catch (MalformedReplyException e) {
                throw recognised(seen.toByteArray()).orElseThrow(() -> e);
            }
            if (reply.isPresent()) {
                LOG.debug("{} <- {}", port.describe(), Hex.format(seen.toByteArray()));
                return accept(unitId, request, reply.get(), port.describe());
            }
            if (framing.damaged()) {
                deadline = Math.min(deadline, System.nanoTime() + QUIET_AFTER_DAMAGE_NANOS);
            }
        }
    }

    /**
     * On RTU nothing ties a reply to its request: a reply from the unit that did not answer the
     * request before, while another unit is asked, is that unit's late reply, not this one's.
     */
    private boolean isLateReply(int unitId, UnitPdu reply) {
        return unanswered >= 0 && unanswered != unitId && reply.unitId() == unanswered;
    }

    /** A {@link WrongTransportException} if the bytes received look like another protocol's. */
    private Optional<ClientException> recognised(byte[] seen) {
        return TransportGuess.of(endpoint, port.describe(), seen).map(WrongTransportException::new);
    }

    private ClientException noReply(int unitId, byte[] seen) {
        Optional<ClientException> wrong = recognised(seen);
        if (wrong.isPresent()) {
            return wrong.get();
        }
        String from = "unit " + unitId + " at " + port.describe();
        if (framing.damaged()) {
            return new CrcErrorException("CRC error in the reply from " + from + ": " + Hex.format(seen));
        }
        if (framing.buffered() > 0) {
            return new NoReplyException("timeout: incomplete reply from " + from + " after " + timeoutNanos / 1_000_000
                    + " ms: " + Hex.format(seen));
        }
        return new NoReplyException("timeout: no reply from " + from + " within " + timeoutNanos / 1_000_000 + " ms ("
                + (retries + 1) + (retries == 0 ? " attempt)" : " attempts)"));
    }

    private static Response accept(int unitId, Request request, UnitPdu reply, String at) throws ClientException {
        if (unitId != UnitId.BROADCAST && reply.unitId() != unitId) {
            throw new WrongUnitException(unitId, reply.unitId());
        }
        Response response;
        try {
            response = PduCodec.decodeResponse(reply.pdu());
        } catch (MalformedPduException e) {
            throw new MalformedReplyException(e.getMessage());
        }
        if (response.functionCode() != request.functionCode()) {
            throw new MalformedReplyException(String.format(
                    "function 0x%02x answers a request of function 0x%02x",
                    response.functionCode(), request.functionCode()));
        }
        if (response instanceof ExceptionResponse e) {
            throw new ExceptionReplyException(e.exceptionCode(), describe(request), reply.unitId(), at);
        }
        check(request, response);
        return response;
    }

    private static void check(Request request, Response response) throws MalformedReplyException {
        if (request instanceof ReadHoldingRegisters r
                && response instanceof ReadHoldingRegistersResponse v
                && v.values().length != r.quantity()) {
            throw new MalformedReplyException(v.values().length + " registers for a read of " + r.quantity());
        }
        if (request instanceof ReadInputRegisters r
                && response instanceof ReadInputRegistersResponse v
                && v.values().size() != r.quantity()) {
            throw new MalformedReplyException(v.values().size() + " input registers for a read of " + r.quantity());
        }
        if (request instanceof WriteSingleRegister w
                && response instanceof WriteSingleRegisterResponse e
                && (e.address() != w.address() || e.value() != w.value())) {
            throw new MalformedReplyException(String.format(
                    "write echo 0x%04x = %d for 0x%04x = %d", e.address(), e.value(), w.address(), w.value()));
        }
    }

    static String describe(Request request) {
        if (request instanceof ReadHoldingRegisters r) {
            return String.format("a read of %d register(s) at 0x%04X", r.quantity(), r.address());
        } else if (request instanceof ReadInputRegisters r) {
            return String.format("a read of %d input register(s) at 0x%04X", r.quantity(), r.address());
        } else if (request instanceof WriteSingleRegister w) {
            return String.format("a write of %d to 0x%04X", w.value(), w.address());
        }
        return "a request " + Hex.format(PduCodec.encode(request));
    }

    private ConnectionFailedException lost(IOException e) {
        return new ConnectionFailedException("connection to " + port.describe() + " failed: " + e.getMessage(), e);
    }
}
