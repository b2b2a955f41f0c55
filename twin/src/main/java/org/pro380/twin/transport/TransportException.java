package org.pro380.twin.transport;

/** A transport could not start: port in use, device missing, ... The message is one line for the user. */
public final class TransportException extends Exception {

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
