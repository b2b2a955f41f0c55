package org.pro380.twin;

import org.pro380.meter.Load;
import org.pro380.meter.MeterReading;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.TariffInput;

/** What a person standing at the meter (or a test) can do to a running twin: the control API's view of it. */
public interface TwinControl {

    /** Everything the meter shows now. */
    MeterReading reading();

    /** The load the meter measures now. */
    Load load();

    void setLoad(Load load);

    void setTariffInput(TariffInput input);

    /** Power off (saves, then no replies on any transport) or on (storage check, counter + 1). */
    void setPower(boolean on);

    /**
     * Writes registers as a Modbus write would (same checks, all or nothing), for the settings
     * controls of the front panel.
     */
    void writeRegisters(int address, int[] words) throws RegisterAccessException;
}
