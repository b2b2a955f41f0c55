package org.pro380.client;

import org.pro380.protocol.ExceptionCode;

/** The meter refused the request with a Modbus exception reply (01 illegal function, 02, 03, 04). */
public final class ExceptionReplyException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final transient ExceptionCode code;

    public ExceptionReplyException(ExceptionCode code, String request) {
        super(String.format("the meter answered exception %02d (%s) to %s", code.code(), code.meaning(), request));
        this.code = code;
    }

    public ExceptionCode code() {
        return code;
    }
}
