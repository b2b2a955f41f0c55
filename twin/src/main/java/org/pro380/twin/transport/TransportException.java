package org.pro380.twin.transport;

/** A transport could not start: port in use, device missing, ... The message is one line for the user. */
public final class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportException(String message) {
        super(message);
    }
}
