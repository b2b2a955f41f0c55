package org.pro380.twin.http;

import java.util.Map;

/**
 * A request the control API refuses: the HTTP status and one line for the caller, sent as
 * {@code {"error": "..."}}. Carries no stack trace; it is an answer, not a fault.
 */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    int status() {
        return status;
    }

    /** Headers the answer needs, e.g. {@code Allow} on a 405. */
    Map<String, String> headers() {
        return headers;
    }
}
