package org.pro380.profile;

/** A JSON document refused by {@link JsonFields} or {@link LoadJson}: one line naming the field; no stack trace. */
public final class JsonFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public JsonFieldException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
