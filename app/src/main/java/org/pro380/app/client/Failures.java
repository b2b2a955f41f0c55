package org.pro380.app.client;

import org.pro380.app.UserError;
import org.pro380.client.ClientException;
import org.pro380.client.ConnectionFailedException;
import org.pro380.client.ConnectionRefusedException;
import org.pro380.client.CrcErrorException;
import org.pro380.client.ExceptionReplyException;
import org.pro380.client.IllegalWriteException;
import org.pro380.client.NoReplyException;
import org.pro380.client.WrongTransportException;
import org.pro380.client.WrongUnitException;

/**
 * A client failure as the one line the user sees, with an exit code per kind, so scripts can
 * tell them apart: 1 other, 2 usage or illegal value, 3 timeout, 4 CRC error, 5 exception reply,
 * 6 connection refused or failed, or the wrong transport (an HTTP server, Modbus TCP for RTU over
 * TCP or back), 7 wrong unit.
 */
final class Failures {

    private Failures() {
    }

    static UserError of(ClientException e) {
        UserError error = new UserError(e.getMessage(), exitCode(e));
        error.initCause(e);
        return error;
    }

    static int exitCode(ClientException e) {
        if (e instanceof IllegalWriteException) {
            return 2;
        } else if (e instanceof NoReplyException) {
            return 3;
        } else if (e instanceof CrcErrorException) {
            return 4;
        } else if (e instanceof ExceptionReplyException) {
            return 5;
        } else if (e instanceof ConnectionRefusedException || e instanceof ConnectionFailedException
                || e instanceof WrongTransportException) {
            return 6;
        } else if (e instanceof WrongUnitException) {
            return 7;
        }
        return 1;
    }
}
