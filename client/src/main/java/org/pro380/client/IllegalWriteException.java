package org.pro380.client;

/** A write the meter would refuse: checked against the register's rule before sending, so nothing was sent. */
public final class IllegalWriteException extends ClientException {
    private static final long serialVersionUID = 1L;

    public IllegalWriteException(String reason) {
        super(reason + "; nothing sent");
    }

    @Override
    public Kind kind() {
        return Kind.ILLEGAL_WRITE;
    }
}
