package org.pro380.serial;

import java.io.IOException;

/** A serial device could not be opened; the message is one line for the user. */
public final class SerialLineException extends IOException {

    public SerialLineException(String message, Throwable cause) {
        super(message, cause);
    }
}
