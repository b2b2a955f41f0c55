package org.pro380.client;

/** A write was acknowledged but reading the register back gave another value. */
public final class VerifyFailedException extends ClientException {
    private static final long serialVersionUID = 1L;

    public VerifyFailedException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.VERIFY_FAILED;
    }
}
