package org.pro380.protocol;

import java.util.Objects;

/**
 * A decoded request PDU: either the request, or the exception reply the server must send
 * because the PDU broke a rule of the Modbus Application Protocol (see
 * {@link PduCodec#decodeRequest}).
 */
public sealed interface DecodedRequest permits DecodedRequest.Ok, DecodedRequest.Rejected {

    /** A well-formed request, for the server to execute. */
    record Ok(Request request) implements DecodedRequest {
        public Ok {
            Objects.requireNonNull(request, "request");
        }
    }

    /** A malformed request and the exception that answers it. */
    record Rejected(ExceptionResponse reply) implements DecodedRequest {
        public Rejected {
            Objects.requireNonNull(reply, "reply");
        }
    }
}
