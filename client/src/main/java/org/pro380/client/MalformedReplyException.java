package org.pro380.client;

/** A reply with a valid CRC that is not a valid answer to the request (wrong length, function, echo or value). */
public final class MalformedReplyException extends ClientException {
    private static final long serialVersionUID = 1L;

    public MalformedReplyException(String message) {
        super("malformed reply: " + message);
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED_REPLY;
    }
}
