package org.pro380.app.client;

import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.client.ClientException;

/** A client failure as the one line the user sees, with its exit code from the {@link ExitCode} table. */
final class Failures {
    private static final String SCAN_HINT = "; 'pro380 scan' lists the meters that answer on this line";

    private Failures() {}

    static UserError of(ClientException e) {
        UserError error = new UserError(
                e.getMessage() + (e.kind() == ClientException.Kind.NO_REPLY ? SCAN_HINT : ""), exitCode(e));
        error.initCause(e);
        return error;
    }

    static ExitCode exitCode(ClientException e) {
        return switch (e.kind()) {
            case ILLEGAL_WRITE -> ExitCode.USAGE;
            case NO_REPLY -> ExitCode.NO_REPLY;
            case CRC_ERROR, MALFORMED_REPLY, WRONG_UNIT -> ExitCode.BAD_REPLY;
            case EXCEPTION_REPLY, VERIFY_FAILED -> ExitCode.REFUSED;
            case CONNECTION_REFUSED, CONNECTION_FAILED, WRONG_TRANSPORT -> ExitCode.FAILED;
        };
    }
}
