package org.pro380.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.registers.Meaning.EnergyScope;

/** The LCD's words (spec section 7), shared by the meter's LCD and the PC software's rebuilt one. */
class LcdTextTest {

    private static Map<EnergyScope, BigDecimal> kWh(String all, String t1, String t2, String t3) {
        Map<EnergyScope, BigDecimal> kWh = new EnumMap<>(EnergyScope.class);
        kWh.put(EnergyScope.ALL, new BigDecimal(all));
        kWh.put(EnergyScope.T1, new BigDecimal(t1));
        kWh.put(EnergyScope.T2, new BigDecimal(t2));
        kWh.put(EnergyScope.T3, new BigDecimal(t3));
        return kWh;
    }

    @Test
    void aCycleIsTotalT1T2T3AndTheChecksum() {
        assertThat(LcdText.cycle(0, kWh("3.2", "2", "1.000001", "0.2"), 0x0607E329L))
                .containsExactly(
                        new LcdPage("total", "3.20 kWh"),
                        new LcdPage("t1", "T1 2.00 kWh"),
                        new LcdPage("t2", "T2 1.00 kWh"),
                        new LcdPage("t3", "T3 0.20 kWh"),
                        new LcdPage("crc", "CRC 0607E329"));
    }

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({"80, ERR 80", "0F, ERR 0F", "0D, ERR 0d", "0C, ERR 0C", "1D, ERR 1d", "0B, ERR 0b"})
    void anErrorCodeLeadsTheCycleAsTheSevenSegmentDigitsWriteIt(String hex, String text) {
        assertThat(LcdText.cycle(Integer.parseInt(hex, 16), kWh("0", "0", "0", "0"), 0))
                .first()
                .isEqualTo(new LcdPage("err", text));
    }

    @Test
    void noErrorCodeNoErrPage() {
        assertThat(LcdText.error(0)).isEmpty();
        assertThat(LcdText.cycle(0, kWh("0", "0", "0", "0"), 0))
                .extracting(LcdPage::id)
                .doesNotContain("err");
    }

    @Test
    void anEnergyPageWhoseCounterIsUnknownIsLeftOut() {
        assertThat(LcdText.cycle(0x80, Map.of(), 0x0607E329L))
                .containsExactly(new LcdPage("err", "ERR 80"), new LcdPage("crc", "CRC 0607E329"));
    }

    @ParameterizedTest(name = "{0} kWh -> {1}")
    @CsvSource({
        "0, 0.00 kWh",
        "0.009999, 0.00 kWh",
        "0.01, 0.01 kWh",
        "0.999999, 0.99 kWh",
        "1, 1.00 kWh",
        "1.23999, 1.23 kWh",
        "96710.4, 96710.40 kWh",
        "123456.789999, 123456.78 kWh"
    })
    void kWhHaveTwoDecimalsCutNotRounded(String kWh, String text) {
        assertThat(LcdText.kWh(new BigDecimal(kWh))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{1} V, {2} kW -> ''{3}''")
    @CsvSource({"L1, 230, 2.3, L1 →", "L2, 230, -2.3, L2 ←", "L3, 0, 0, ''", "L1, 230, 0, L1 →"})
    void aPhaseIsMarkedWhileItHasVoltageWithTheDirectionOfItsPower(
            Phase phase, double voltage, double kW, String text) {
        assertThat(LcdPhase.of(phase, voltage, kW).text()).isEqualTo(text);
    }
}
