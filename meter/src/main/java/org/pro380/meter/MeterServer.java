package org.pro380.meter;

import org.pro380.protocol.DecodedRequest;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.ExceptionResponse;
import org.pro380.protocol.OtherFunction;
import org.pro380.protocol.PduCodec;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.Request;
import org.pro380.protocol.Response;
import org.pro380.protocol.WriteMultipleRegisters;
import org.pro380.protocol.WriteMultipleRegistersResponse;
import org.pro380.protocol.WriteSingleRegister;
import org.pro380.protocol.WriteSingleRegisterResponse;

/**
 * The meter's Modbus side, with no I/O (spec section 3): takes a request PDU addressed to this
 * meter and gives the reply PDU: the response, or the exception the request earns. Whether a
 * frame reaches the meter at all (its unit id, broadcast, power, line settings) is decided by the
 * bus it is on, in the twin.
 *
 * <p>A write of unit id, baud or parity is answered under the old settings because the reply
 * carries the request's unit id; the transport applies the new line settings after sending it.
 */
public final class MeterServer {

    private final Meter meter;
    /** The meter's registers now: made once, not for every read. */
    private final Words now;

    public MeterServer(Meter meter) {
        this.meter = meter;
        this.now = meter::read;
    }

    public Meter meter() {
        return meter;
    }

    /**
     * The reply PDU to a request PDU addressed to this meter, well-formed or not: a response or
     * an exception. Which unit ids reach the meter, and which replies go out, is the bus's rule.
     */
    public byte[] answer(byte[] pdu) {
        DecodedRequest decoded = PduCodec.decodeRequest(pdu);
        if (decoded instanceof DecodedRequest.Ok ok && ok.request() instanceof ReadHoldingRegisters r) {
            return read(r); // most requests: answered without a response record and its copies of the values
        }
        return PduCodec.encode(
                decoded instanceof DecodedRequest.Ok ok
                        ? answer(ok.request())
                        : ((DecodedRequest.Rejected) decoded).reply());
    }

    /**
     * As {@link #answer(byte[])}, but a read is answered from {@code frozen} (a hung meter's
     * registers as they were): writes still reach the meter, which goes on measuring.
     */
    public byte[] answer(byte[] pdu, MeterReading frozen) {
        DecodedRequest decoded = PduCodec.decodeRequest(pdu);
        if (decoded instanceof DecodedRequest.Ok ok && ok.request() instanceof ReadHoldingRegisters r) {
            return read(r, frozen::words);
        }
        return answer(pdu);
    }

    /** Where a read's words come from, written as they go on the wire: the meter now, or a frozen reading. */
    private interface Words {
        void into(int address, int quantity, byte[] out, int at) throws RegisterAccessException;
    }

    private byte[] read(ReadHoldingRegisters r) {
        return read(r, now);
    }

    private static byte[] read(ReadHoldingRegisters r, Words words) {
        byte[] reply = PduCodec.readResponse(r.quantity());
        try {
            words.into(r.address(), r.quantity(), reply, PduCodec.READ_RESPONSE_WORDS);
            return reply;
        } catch (RegisterAccessException e) {
            return PduCodec.encode(new ExceptionResponse(r.functionCode(), e.code()));
        }
    }

    private Response answer(Request request) {
        try {
            if (request instanceof WriteSingleRegister w) {
                meter.write(w.address(), new int[] {w.value()});
                return new WriteSingleRegisterResponse(w.address(), w.value());
            }
            if (request instanceof WriteMultipleRegisters w) {
                int[] values = w.values();
                meter.write(w.address(), values);
                return new WriteMultipleRegistersResponse(w.address(), values.length);
            }
            return new ExceptionResponse(((OtherFunction) request).functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
        } catch (RegisterAccessException e) {
            return new ExceptionResponse(request.functionCode(), e.code());
        }
    }
}
