package org.pro380.client;

/** No complete reply arrived within the timeout: a silent meter, a wrong unit id, baud or parity. */
public final class NoReplyException extends ClientException {
    private static final long serialVersionUID = 1L;

    public NoReplyException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public Kind kind() {
        return Kind.NO_REPLY;
    }
}
