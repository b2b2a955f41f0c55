package org.pro380.client;

/** The serial port or TCP connection could not be opened, or was lost. */
public final class ConnectionFailedException extends ClientException {
    private static final long serialVersionUID = 1L;

    public ConnectionFailedException(String message) {
        super(message);
    }

    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.CONNECTION_FAILED;
    }
}
