package org.pro380.meter;

import org.pro380.protocol.ExceptionCode;

/** A read or write the meter refuses, with the Modbus exception code it answers. */
public final class RegisterAccessException extends Exception {

    private final ExceptionCode code;

    public RegisterAccessException(ExceptionCode code, String message) {
        super(message);
        this.code = code;
    }

    public ExceptionCode code() {
        return code;
    }
}
