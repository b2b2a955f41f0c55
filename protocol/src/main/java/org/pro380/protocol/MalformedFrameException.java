package org.pro380.protocol;

/** A frame header that breaks the framing rules; the message says what was got and what was expected. */
public final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}
