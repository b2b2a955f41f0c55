package org.pro380.client;

import java.io.IOException;

/**
 * A request to a meter failed. Each cause has its own subclass and {@link Kind}, and its message
 * is one line a person can act on, naming the unit or the line it is about. Callers sort
 * failures with one switch over {@link #kind()}.
 */
public abstract sealed class ClientException extends IOException
        permits NoReplyException,
                CrcErrorException,
                ExceptionReplyException,
                ConnectionRefusedException,
                WrongUnitException,
                MalformedReplyException,
                ConnectionFailedException,
                IllegalWriteException,
                VerifyFailedException,
                WrongTransportException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as callers tell failures apart. */
    public enum Kind {
        /** No complete reply in time, or a gateway's exception 0x0B: the unit does not answer. */
        NO_REPLY,
        /** A reply whose CRC did not match. */
        CRC_ERROR,
        /** A reply with a valid CRC that is no answer to the request. */
        MALFORMED_REPLY,
        /** A reply from another unit than the one asked. */
        WRONG_UNIT,
        /** The meter (or a gateway) refused the request with a Modbus exception. */
        EXCEPTION_REPLY,
        /** Nothing listens at the TCP address. */
        CONNECTION_REFUSED,
        /** The serial device or TCP connection could not be opened, or was lost. */
        CONNECTION_FAILED,
        /** The peer speaks another protocol or framing. */
        WRONG_TRANSPORT,
        /** A write the meter would refuse; nothing was sent. */
        ILLEGAL_WRITE,
        /** A write was taken but reads back another value. */
        VERIFY_FAILED
    }

    protected ClientException(String message) {
        super(message);
    }

    protected ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();

    /** Whether sending the same request again may succeed (a timeout or a damaged reply). */
    public boolean retryable() {
        return false;
    }
}
