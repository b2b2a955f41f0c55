package org.pro380.client;

/** A reply arrived but its CRC16 did not match: noise on the line, or two meters answering at once. */
public final class CrcErrorException extends ClientException {
    private static final long serialVersionUID = 1L;

    public CrcErrorException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public Kind kind() {
        return Kind.CRC_ERROR;
    }
}
