package org.pro380.protocol;

import java.util.Objects;

/**
 * An exception reply. On the wire the function code carries the bit 0x80:
 * <pre>
 * fc|0x80 | exception code                   e.g. 83 02  (read: illegal data address)
 * </pre>
 *
 * @param functionCode the request's function code without 0x80, 0..127 (0 answers an empty or
 *     invalid function code, see {@link PduCodec#decodeRequest})
 * @param exceptionCode why the request failed
 */
public record ExceptionResponse(int functionCode, ExceptionCode exceptionCode) implements Response {
    /** The bit that marks an exception reply's function code. */
    public static final int EXCEPTION_BIT = 0x80;

    public ExceptionResponse {
        Wire.range("function code", functionCode, 0, 0x7F);
        Objects.requireNonNull(exceptionCode, "exceptionCode");
    }
}
