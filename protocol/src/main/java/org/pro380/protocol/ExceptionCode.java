package org.pro380.protocol;

import java.util.Optional;

/** The Modbus exception codes the meter answers with, as the second byte of {@code FC|0x80, code}. */
public enum ExceptionCode {
    ILLEGAL_FUNCTION(1, "illegal function"),
    ILLEGAL_DATA_ADDRESS(2, "illegal data address"),
    ILLEGAL_DATA_VALUE(3, "illegal data value"),
    SERVER_DEVICE_FAILURE(4, "server device failure"),
    /** A gateway cannot reach the line behind it (spec section 11). */
    GATEWAY_PATH_UNAVAILABLE(0x0A, "gateway path unavailable"),
    /** A gateway got no reply from the unit on the line behind it (spec section 11). */
    GATEWAY_TARGET_FAILED_TO_RESPOND(0x0B, "gateway target device failed to respond");

    private final int code;
    private final String meaning;

    ExceptionCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The code on the wire: 1..4 from the meter, 0x0A and 0x0B from a gateway. */
    public int code() {
        return code;
    }

    /** Lower-case meaning as the Modbus specification names it, e.g. "illegal function". */
    public String meaning() {
        return meaning;
    }

    /** The exception with this wire code, or empty for any other value. */
    public static Optional<ExceptionCode> of(int code) {
        for (ExceptionCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
