package org.pro380.bridge.ui;

import org.pro380.client.ClientException;

/** A request the UI's API does not carry out: its HTTP status and one line saying why. */
final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    /** A failure on the line, by its kind: a refused write is the caller's (400), a silent meter a 504, the rest 502. */
    static ApiError of(ClientException e) {
        int status = switch (e.kind()) {
            case ILLEGAL_WRITE -> 400;
            case NO_REPLY -> 504;
            default -> 502;
        };
        return new ApiError(status, e.getMessage());
    }
}
