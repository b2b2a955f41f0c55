package org.pro380.meter;

import java.util.Optional;
import org.pro380.registers.LcdText;

/** The error codes of the non-volatile memory check at power-on (spec section 8). */
public enum StorageError {
    /** The store cannot be created. */
    ERR_80(0x80, "EEPROM cannot initialize"),
    /** The store exists but cannot be read. */
    ERR_0F(0x0F, "cannot read data from the EEPROM"),
    /** A copy fails its checksum and the integer kWh of the copies differ. */
    ERR_0D(0x0D, "integer kWh of main and backup differ (hardware)"),
    /** Both copies intact, their integer kWh differ beyond one save step. */
    ERR_0C(0x0C, "integer kWh of main and backup differ (software)"),
    /** Integer kWh equal, decimals differ beyond one save step, or a copy damaged with equal kWh. */
    ERR_1D(0x1D, "integer or decimal kWh of main and backup differ");

    private final int code;
    private final String meaning;

    StorageError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The code as a byte, as the status word carries it. */
    public int code() {
        return code;
    }

    /** The code the error code register 0x4015 and the status word show: 0 when the LCD shows no error. */
    public static int codeOf(Optional<StorageError> shown) {
        return shown.map(StorageError::code).orElse(0);
    }

    /** The error whose LCD code is {@code display} ("0d", any case), if one is. */
    public static Optional<StorageError> ofDisplay(String display) {
        for (StorageError e : values()) {
            if (e.display().equalsIgnoreCase(display)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The code as the LCD writes it: "0d". */
    public String display() {
        return LcdText.errorCode(code);
    }

    /** The LCD page: "ERR 0d". */
    public String lcdText() {
        return LcdText.error(code).orElseThrow();
    }

    public String meaning() {
        return meaning;
    }

    /** No copy could be read, so the energy counters are unknown: energy registers answer exception 04. */
    public boolean energyUnknown() {
        return this == ERR_80 || this == ERR_0F;
    }
}
