package org.pro380.client;

import org.pro380.protocol.ExceptionCode;

/**
 * The meter refused the request with a Modbus exception reply (0x01 illegal function, 0x02, 0x03,
 * 0x04), or a gateway answered for it: 0x0A when it cannot reach its line, 0x0B when the unit
 * behind it did not answer, which is the unit's silence ({@link Kind#NO_REPLY}).
 */
public final class ExceptionReplyException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final transient ExceptionCode code;

    /** {@code request} as {@link ModbusLink#describe} words it; {@code at} the port it came through. */
    public ExceptionReplyException(ExceptionCode code, String request, int unitId, String at) {
        super(message(code, request, unitId, at));
        this.code = code;
    }

    private static String message(ExceptionCode code, String request, int unitId, String at) {
        String exception = String.format("exception 0x%02X (%s) to %s", code.code(), code.meaning(), request);
        if (code == ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND) {
            return "no reply from unit " + unitId + ": the gateway at " + at + " answered " + exception;
        }
        return "unit " + unitId + " at " + at + " answered " + exception;
    }

    public ExceptionCode code() {
        return code;
    }

    @Override
    public Kind kind() {
        return code == ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND ? Kind.NO_REPLY : Kind.EXCEPTION_REPLY;
    }
}
