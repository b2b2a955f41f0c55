package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Hex;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;

/** A configured identity (spec section 5) is what the registers and the LCD show. */
class ConfiguredIdentityTest {

    @Test
    void aConfiguredIdentityIsWhatTheRegistersShow() {
        Meter meter = new Meter(
                new TestClock(), new Identity(12345678, 0x0203, 3.3, 2.2, 1.4, 40, 0x1234ABCDL), Load.household());
        meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        MeterServer server = new MeterServer(meter);

        assertThat(Hex.format(server.answer(Hex.parse("03 40 00 00 03")))).isEqualTo("03 06 12 34 56 78 02 03");
        assertThat(Hex.format(server.answer(Hex.parse("03 40 0b 00 02"))))
                .as("meter amps in 0x400B, 0x400C reads 0")
                .isEqualTo("03 04 00 28 00 00");
        assertThat(Hex.format(server.answer(Hex.parse("03 40 1b 00 02")))).isEqualTo("03 04 12 34 ab cd");
        assertThat(meter.reading().lcd().cycle().get(4).text()).isEqualTo("CRC 1234ABCD");
    }
}
