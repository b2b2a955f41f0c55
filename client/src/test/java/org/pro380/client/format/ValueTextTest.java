package org.pro380.client.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pro380.registers.Registers;

/** Values for people: a code by its word from the map, the error code in hex, numbers rounded by their unit. */
class ValueTextTest {

    @Test
    void codesAreWordsFromTheMap() {
        assertThat(ValueText.human(Registers.PARITY, 3)).isEqualTo("odd");
        assertThat(ValueText.human(Registers.BACKLIGHT, 2)).isEqualTo("off");
        assertThat(ValueText.human(Registers.BACKLIGHT, 9))
                .as("a code the meter should not hold")
                .isEqualTo("? 9");
        assertThat(ValueText.human(Registers.TARIFF, 2)).isEqualTo("T2");
    }

    @Test
    void theErrorCodeIsHexAsTheLcdShowsIt() {
        assertThat(ValueText.human(Registers.ERROR_CODE, 0x0D)).isEqualTo("0x0D");
        assertThat(ValueText.human(Registers.ERROR_CODE, 0)).isEqualTo("0x00");
        assertThat(ValueText.exact(Registers.ERROR_CODE, 0x80)).isEqualTo("128");
    }

    @Test
    void meterAmpsIsAPlainNumber() {
        assertThat(ValueText.human(Registers.METER_AMPS, 45)).isEqualTo("45");
    }
}
