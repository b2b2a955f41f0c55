package org.pro380.client;

/** A well-formed reply came from another unit id than the one asked: two meters share an id, or a late reply. */
public final class WrongUnitException extends ClientException {
    private static final long serialVersionUID = 1L;

    public WrongUnitException(int expected, int got) {
        super("wrong unit in the reply: asked unit " + expected + ", unit " + got + " answered");
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public Kind kind() {
        return Kind.WRONG_UNIT;
    }
}
