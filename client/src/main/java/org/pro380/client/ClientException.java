package org.pro380.client;

import java.io.IOException;

/**
 * A request to a meter failed. Each cause has its own subclass, and its message is one line a
 * person can act on: {@link NoReplyException}, {@link CrcErrorException},
 * {@link ExceptionReplyException}, {@link ConnectionRefusedException}, {@link WrongUnitException},
 * {@link MalformedReplyException}, {@link ConnectionFailedException},
 * {@link IllegalWriteException}, {@link VerifyFailedException}.
 */
public abstract class ClientException extends IOException {
    private static final long serialVersionUID = 1L;

    protected ClientException(String message) {
        super(message);
    }

    protected ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether sending the same request again may succeed (a timeout or a damaged reply). */
    public boolean retryable() {
        return false;
    }
}
