package org.pro380.meter;

import java.util.Optional;
import org.pro380.protocol.DecodedRequest;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.ExceptionResponse;
import org.pro380.protocol.OtherFunction;
import org.pro380.protocol.PduCodec;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.ReadHoldingRegistersResponse;
import org.pro380.protocol.Request;
import org.pro380.protocol.Response;
import org.pro380.protocol.WriteMultipleRegisters;
import org.pro380.protocol.WriteMultipleRegistersResponse;
import org.pro380.protocol.WriteSingleRegister;
import org.pro380.protocol.WriteSingleRegisterResponse;

/**
 * The meter's Modbus side, with no I/O (spec section 3): takes a request PDU for a unit id and
 * gives the reply, or nothing where the meter stays silent (powered off, another unit, broadcast
 * writes). Every transport frames its bytes and hands them here.
 *
 * <p>A write of unit id, baud or parity is answered under the old settings because the reply
 * carries the request's unit id; the transport applies the new line settings after sending it.
 */
public final class MeterServer {

    public static final int BROADCAST = 0;

    private final Meter meter;
    private final boolean strictBroadcast;

    /**
     * @param strictBroadcast if true, a read sent to unit 0 is not answered; by default the meter
     *     answers it with its own unit id, as the manufacturer's integration guide shows
     */
    public MeterServer(Meter meter, boolean strictBroadcast) {
        this.meter = meter;
        this.strictBroadcast = strictBroadcast;
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
        return PduCodec.encode(decoded instanceof DecodedRequest.Ok ok ? answer(ok.request())
                : ((DecodedRequest.Rejected) decoded).reply());
    }

    public Optional<ModbusReply> handle(int unitId, byte[] pdu) {
        if (!meter.powered()) {
            return Optional.empty();
        }
        int ownId = meter.settings().unitId();
        boolean broadcast = unitId == BROADCAST;
        if (!broadcast && unitId != ownId) {
            return Optional.empty();
        }
        DecodedRequest decoded = PduCodec.decodeRequest(pdu);
        // a read, well-formed or not: a malformed read to unit 0 gets its exception like any other read
        boolean read = pdu.length > 0 && (pdu[0] & 0xFF) == ReadHoldingRegisters.FUNCTION_CODE;
        Response response = decoded instanceof DecodedRequest.Ok ok ? answer(ok.request())
                : ((DecodedRequest.Rejected) decoded).reply();
        if (broadcast && (!read || strictBroadcast)) {
            return Optional.empty();
        }
        return Optional.of(new ModbusReply(broadcast ? ownId : unitId, PduCodec.encode(response)));
    }

    private Response answer(Request request) {
        try {
            if (request instanceof ReadHoldingRegisters r) {
                return new ReadHoldingRegistersResponse(meter.read(r.address(), r.quantity()));
            }
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
