package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pro380.registers.LcdPage;
import org.pro380.registers.LcdPhase;
import org.pro380.registers.Phase;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** A meter's LCD rebuilt from the registers of a snapshot (spec section 7). */
class LcdFromRegistersTest {

    private static Map<Register<?>, Object> meter() {
        Map<Register<?>, Object> values = SampleValues.values();
        values.put(Registers.ACTIVE_ENERGY, (double) 1234.56f);
        values.put(Registers.ACTIVE_ENERGY_T1, (double) 1000.0f);
        values.put(Registers.ACTIVE_ENERGY_T2, (double) 234.56f);
        values.put(Registers.ACTIVE_ENERGY_T3, 0.0);
        values.put(Registers.VOLTAGE_L1, 230.0);
        values.put(Registers.VOLTAGE_L2, 231.0);
        values.put(Registers.VOLTAGE_L3, 0.0);
        values.put(Registers.ACTIVE_POWER_L1, 2.3);
        values.put(Registers.ACTIVE_POWER_L2, (double) -1.5f);
        values.put(Registers.ACTIVE_POWER_L3, 0.0);
        values.put(Registers.LCD_CYCLE_TIME, 25);
        values.put(Registers.BACKLIGHT, 2);
        return values;
    }

    private static LcdFromRegisters lcd(Map<Register<?>, Object> values) {
        return LcdFromRegisters.of(new Snapshot(Instant.EPOCH, 1, values, Traffic.NONE));
    }

    @Test
    void thePagesFollowFromTheEnergyCountersAndTheChecksum() {
        LcdFromRegisters lcd = lcd(meter());

        assertThat(lcd.pages())
                .extracting(LcdPage::text)
                .containsExactly("1234.56 kWh", "T1 1000.00 kWh", "T2 234.56 kWh", "T3 0.00 kWh", "CRC 0607E329");
        assertThat(lcd.cycleSeconds()).isEqualTo(25);
        assertThat(lcd.backlight()).isFalse();
    }

    @Test
    void anErrorCodeInRegister0x4015LeadsTheCycleWithItsErrPage() {
        Map<Register<?>, Object> values = meter();
        values.put(Registers.ERROR_CODE, 0x0D);

        assertThat(lcd(values).pages()).first().isEqualTo(new LcdPage("err", "ERR 0d"));
        assertThat(lcd(values).pages()).hasSize(6);
    }

    @Test
    void thePhaseMarksFollowFromThePhaseVoltagesAndPowers() {
        assertThat(lcd(meter()).phases())
                .containsExactly(
                        new LcdPhase(Phase.L1, true, false),
                        new LcdPhase(Phase.L2, true, true),
                        new LcdPhase(Phase.L3, false, false));
    }
}
