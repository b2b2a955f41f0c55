package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.registers.Registers;

class ChangeTest {

    @Test
    void parsesEveryKeyOfTheSetCommand() {
        assertThat(Change.parse("id=5")).isEqualTo(new Change(Registers.UNIT_ID, 5));
        assertThat(Change.parse("baud=4800")).isEqualTo(new Change(Registers.BAUD_RATE, 4800));
        assertThat(Change.parse("parity=odd")).isEqualTo(new Change(Registers.PARITY, 3));
        assertThat(Change.parse("parity=none")).isEqualTo(new Change(Registers.PARITY, 2));
        assertThat(Change.parse("lcd-cycle=25")).isEqualTo(new Change(Registers.LCD_CYCLE_TIME, 25));
        assertThat(Change.parse("lcd-cycle=25s")).isEqualTo(new Change(Registers.LCD_CYCLE_TIME, 25));
        assertThat(Change.parse("backlight=off")).isEqualTo(new Change(Registers.BACKLIGHT, 2));
        assertThat(Change.parse("tariff=T2")).isEqualTo(new Change(Registers.TARIFF, 2));
        assertThat(Change.parse("reset-power-counter")).isEqualTo(new Change(Registers.POWER_COUNTER, 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"volume=3", "id", "id=", "id=five", "parity=mark", "backlight=dim", "reset-power-counter=1"})
    void refusesMalformedText(String text) {
        assertThatThrownBy(() -> Change.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id=0",
                "id=248",
                "baud=1234",
                "baud=19200",
                "lcd-cycle=0",
                "lcd-cycle=31",
                "lcd-cycle=10000",
                "tariff=0",
                "tariff=4",
                "id=70000"
            })
    void illegalValuesAreRefusedByTheMapsRules(String text) {
        assertThatThrownBy(() -> Pro380Client.check(Change.parse(text)))
                .isInstanceOf(IllegalWriteException.class)
                .hasMessageEndingWith("nothing sent");
    }

    @ParameterizedTest
    @CsvSource({
        "id=1, meter-id, 1",
        "id=247, meter-id, 247",
        "baud=300, baud-rate, 300",
        "lcd-cycle=30, lcd-cycle-time, 30",
        "tariff=3, tariff, 3",
        "reset-power-counter, power-counter, 0",
        "parity=odd, parity, 3"
    })
    void legalValuesPassTheCheck(String text, String key, int value) {
        Change change = Change.parse(text);

        assertThat(change.register().key()).isEqualTo(key);
        assertThat(change.value()).isEqualTo(value);
        assertThatNoException().isThrownBy(() -> Pro380Client.check(change));
    }

    @Test
    void theRegisterKeysWorkAsWellAsTheShortNames() {
        assertThat(Change.parse("lcd-cycle-time=25")).isEqualTo(Change.parse("lcd-cycle=25"));
        assertThat(Change.parse("LCD-Cycle-Time=25s")).isEqualTo(new Change(Registers.LCD_CYCLE_TIME, 25));
        assertThat(Change.parse("meter-id=5")).isEqualTo(new Change(Registers.UNIT_ID, 5));
        assertThat(Change.parse("baud-rate=4800")).isEqualTo(new Change(Registers.BAUD_RATE, 4800));
        assertThat(Change.parse("power-counter=0")).isEqualTo(new Change(Registers.POWER_COUNTER, 0));
    }

    @Test
    void aReadOnlyRegisterIsNamedAsSuch() {
        assertThatThrownBy(() -> Change.parse("serial-number=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("serial-number is read-only");
    }
}
