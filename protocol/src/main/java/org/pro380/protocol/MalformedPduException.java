package org.pro380.protocol;

/** A response PDU that cannot be decoded; the message says what was got and what was expected. */
public final class MalformedPduException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPduException(String message) {
        super(message);
    }
}
