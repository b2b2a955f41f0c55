package org.pro380.meter;

import java.util.Optional;
import org.pro380.meter.Measurements.PowerFlow;
import org.pro380.registers.Code;
import org.pro380.registers.Tariff;

/**
 * The active status word at 0x401D (spec section 10), defined by the project in nibbles so that
 * a meter in its usual state reads {@code 0x00110111}, the value seen on a real meter:
 *
 * <pre>
 * bits  0     power on since the last counter reset (power on/off counter > 0)
 * bit   1     storage error present
 * bit   2     the last save of the memory failed (disk full, copy cannot be replaced ...)
 * bit   3     the memory could not be read at power-on: nothing is saved until it can
 *             (both bits 0 in a healthy meter, so the usual word stays 0x00110111)
 * bits  4-7   backlight: 1 on, 2 off (as register 0x4021)
 * bits  8-11  active tariff: 1, 2, 3
 * bits 12-15  tariff input: 0 no signal, 2 holds T2, 3 holds T3
 * bits 16-19  power flow: 1 all phases import, 2 all export, 3 mixed import and export
 * bits 20-23  calculation method: 1 forward + reverse
 * bits 24-31  storage error code: 0x00 none, 0x80, 0x0F, 0x0D, 0x0C, 0x1D
 * </pre>
 */
public final class StatusWord {

    private StatusWord() {}

    static long of(
            int powerCounter,
            Optional<StorageError> error,
            MemoryStatus memory,
            boolean backlight,
            Tariff active,
            TariffInput input,
            PowerFlow flow) {
        long word = 0;
        word |= powerCounter > 0 ? 1 : 0;
        word |= error.isPresent() ? 1 << 1 : 0;
        word |= memory.saveFailure().isPresent() ? 1 << 2 : 0;
        word |= memory.readFailure().isPresent() ? 1 << 3 : 0;
        word |= (long) Code.BACKLIGHT.code(backlight) << 4;
        word |= (long) active.number() << 8;
        word |= (long) input.holds().map(Tariff::number).orElse(0) << 12;
        word |= (long) (flow.ordinal() + 1) << 16;
        word |= 1L << 20;
        word |= (long) StorageError.codeOf(error) << 24;
        return word;
    }
}
