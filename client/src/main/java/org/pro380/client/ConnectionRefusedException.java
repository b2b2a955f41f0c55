package org.pro380.client;

/** Nothing listens at the TCP address: the twin or gateway is not running, or the port is wrong. */
public final class ConnectionRefusedException extends ClientException {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedException(String address, Throwable cause) {
        super("connection refused by " + address, cause);
    }

    @Override
    public Kind kind() {
        return Kind.CONNECTION_REFUSED;
    }
}
