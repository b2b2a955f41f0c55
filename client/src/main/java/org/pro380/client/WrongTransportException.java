package org.pro380.client;

/**
 * The peer speaks something else than the framing asked for: an HTTP server, Modbus TCP where
 * RTU over TCP was asked for, or the other way round. The message says which, and what to try.
 */
public final class WrongTransportException extends ClientException {
    private static final long serialVersionUID = 1L;

    public WrongTransportException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.WRONG_TRANSPORT;
    }
}
