package org.pro380.twin.traffic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one frame says, as far as its bytes can be read.
 *
 * @param unit the unit id
 * @param transaction the MBAP transaction id (Modbus TCP only)
 * @param function the function code, without the exception bit
 * @param address the first register a request names (a read's reply: its request's)
 * @param quantity how many registers
 * @param values the registers' values by register key, for the whole registers the frame carries
 * @param exception the exception code of an exception reply
 * @param crc {@code ok} or {@code bad} for an RTU frame; empty for Modbus TCP, which has no CRC
 * @param problem why the frame cannot be read as Modbus (too short, a wrong MBAP length ...)
 */
public record DecodedFrame(
        OptionalInt unit,
        OptionalInt transaction,
        OptionalInt function,
        OptionalInt address,
        OptionalInt quantity,
        Map<String, Object> values,
        OptionalInt exception,
        Optional<Crc> crc,
        Optional<String> problem) {

    public enum Crc {
        OK,
        BAD
    }

    public DecodedFrame {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
