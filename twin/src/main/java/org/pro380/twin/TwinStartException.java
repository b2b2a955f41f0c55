package org.pro380.twin;

/** The twin could not start; the message is one line for the user. */
public final class TwinStartException extends Exception {

    public TwinStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
