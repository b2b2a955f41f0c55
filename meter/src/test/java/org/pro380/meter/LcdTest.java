package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.meter.MeterFixture.idle;
import static org.pro380.meter.MeterFixture.phases;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.registers.LcdPage;
import org.pro380.registers.LcdText;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Registers;
import org.pro380.registers.Tariff;

/** The LCD and the tariff LED (spec sections 6 and 7). */
class LcdTest {

    private final MeterFixture f = MeterFixture.poweredOn(Load.household());

    private Lcd lcd() {
        return f.meter.reading().lcd();
    }

    /** The ids of the pages shown over {@code count} steps of {@code step}, starting now. */
    private List<String> pagesEvery(Duration step, int count) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shown.add(lcd().page().id());
            f.advance(step);
        }
        return shown;
    }

    @Test
    void pagesAreTotalT1T2T3AndTheChecksum() {
        assertThat(lcd().cycle()).extracting(LcdPage::id).containsExactly("total", "t1", "t2", "t3", "crc");
        assertThat(lcd().cycle())
                .extracting(LcdPage::text)
                .containsExactly("0.00 kWh", "T1 0.00 kWh", "T2 0.00 kWh", "T3 0.00 kWh", "CRC 0607E329");
    }

    @Test
    void thePageChangesEveryTenSecondsByDefault() {
        assertThat(lcd().page().id()).isEqualTo("total");
        f.advance(Duration.ofMillis(9_999));
        assertThat(lcd().page().id()).isEqualTo("total");
        f.advance(Duration.ofMillis(1));
        assertThat(lcd().page().id()).isEqualTo("t1");

        assertThat(pagesEvery(Duration.ofSeconds(10), 10))
                .containsExactly("t1", "t2", "t3", "crc", "total", "t1", "t2", "t3", "crc", "total");
    }

    @ParameterizedTest(name = "{0} s")
    @CsvSource({"01, 1", "05, 5", "25, 25", "30, 30"})
    void thePageChangesEveryCycleTimeWrittenOverModbus(String bcd, int seconds) {
        f.advance(Duration.ofMillis(3_333)); // the write starts a fresh page
        f.write(0x4010, Integer.parseInt(bcd, 16));

        f.advance(Duration.ofMillis(seconds * 1000L - 1));
        assertThat(lcd().page().id()).isEqualTo("total");
        f.advance(Duration.ofMillis(1));
        assertThat(pagesEvery(Duration.ofSeconds(seconds), 5)).containsExactly("t1", "t2", "t3", "crc", "total");
    }

    @Test
    void kWhAreShownWithTwoDecimalsCutNotRounded() {
        f.meter.setLoad(phases(PhaseLoad.importing(250, 4, 1), idle(), idle())); // 1 kW
        f.advance(Duration.ofMillis(4_463_964)); // 1.23999 kWh

        assertThat(lcd().cycle().get(0).text()).isEqualTo("1.23 kWh");
        assertThat(lcd().cycle().get(1).text()).isEqualTo("T1 1.23 kWh");

        f.advance(Duration.ofMillis(36)); // 1.24 kWh
        assertThat(lcd().cycle().get(0).text()).isEqualTo("1.24 kWh");
    }

    @Test
    void eachTariffPageShowsItsTariffAndTheTotalPageAllOfThem() {
        f.meter.setLoad(phases(PhaseLoad.importing(250, 4, 1), idle(), new PhaseLoad(250, 4, 1, true, false)));
        f.advance(Duration.ofHours(1)); // T1: 2 kWh (1 imported + 1 exported)
        f.write(0x6048, 2);
        f.advance(Duration.ofMinutes(30)); // T2: 1 kWh
        f.meter.setTariffInput(TariffInput.T3);
        f.advance(Duration.ofMinutes(6)); // T3: 0.2 kWh

        assertThat(lcd().cycle())
                .extracting(LcdPage::text)
                .containsExactly("3.20 kWh", "T1 2.00 kWh", "T2 1.00 kWh", "T3 0.20 kWh", "CRC 0607E329");
    }

    @Test
    void theLcdReadsAsItsRegistersWordedByLcdTextWithTheErrPageOfTheErrorCode() {
        f.meter.setLoad(phases(PhaseLoad.importing(250, 4, 1), idle(), new PhaseLoad(250, 4, 1, true, false)));
        f.advance(Duration.ofMillis(4_463_964)); // T1: 2.47998 kWh
        f.write(0x6048, 2);
        f.advance(Duration.ofMinutes(30)); // T2: 1 kWh
        f.powerCycle(Optional.of(StorageError.ERR_1D));

        assertThat(lcd().cycle()).isEqualTo(fromRegisters(f.meter.reading()));
        assertThat(lcd().cycle())
                .extracting(LcdPage::text)
                .containsExactly("ERR 1d", "3.47 kWh", "T1 2.47 kWh", "T2 1.00 kWh", "T3 0.00 kWh", "CRC 0607E329");
    }

    /** The pages as the PC words them from what Modbus reads: each energy register's f32 as its shortest decimal. */
    private static List<LcdPage> fromRegisters(MeterReading r) {
        Map<EnergyScope, BigDecimal> kWh = new EnumMap<>(EnergyScope.class);
        Map.of(
                        EnergyScope.ALL, Registers.ACTIVE_ENERGY,
                        EnergyScope.T1, Registers.ACTIVE_ENERGY_T1,
                        EnergyScope.T2, Registers.ACTIVE_ENERGY_T2,
                        EnergyScope.T3, Registers.ACTIVE_ENERGY_T3)
                .forEach((scope, register) ->
                        kWh.put(scope, new BigDecimal(Float.toString((float) (double) r.value(register)))));
        return LcdText.cycle((Integer) r.value(Registers.ERROR_CODE), kWh, (Long) r.value(Registers.CHECKSUM));
    }

    @Test
    void theBacklightFollowsRegister0x4021() {
        assertThat(lcd().backlight()).isTrue();

        f.write(0x4021, 2);
        assertThat(lcd().backlight()).isFalse();

        f.write(0x4021, 1);
        assertThat(lcd().backlight()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ERR_80, ERR 80", "ERR_0F, ERR 0F", "ERR_0D, ERR 0d", "ERR_0C, ERR 0C", "ERR_1D, ERR 1d"})
    void aStorageErrorLeadsEveryCycleUntilAPowerOnWhoseCheckPasses(StorageError error, String text) {
        f.powerCycle(Optional.of(error));

        assertThat(lcd().cycle()).extracting(LcdPage::id).containsExactly("err", "total", "t1", "t2", "t3", "crc");
        assertThat(lcd().page().text()).isEqualTo(text);
        assertThat(pagesEvery(Duration.ofSeconds(10), 13))
                .containsExactly(
                        "err", "total", "t1", "t2", "t3", "crc", "err", "total", "t1", "t2", "t3", "crc", "err");

        f.powerCycle(Optional.of(error));
        assertThat(lcd().page().id()).as("still there after a failing check").isEqualTo("err");

        f.powerCycle(Optional.empty());
        assertThat(lcd().cycle()).extracting(LcdPage::id).containsExactly("total", "t1", "t2", "t3", "crc");
        assertThat(lcd().page().id()).isEqualTo("total");
    }

    @Test
    void powerOnStartsTheCycleAtItsFirstPage() {
        f.advance(Duration.ofSeconds(23));
        assertThat(lcd().page().id()).isEqualTo("t2");

        f.powerCycle(Optional.empty());

        assertThat(lcd().page().id()).isEqualTo("total");
    }

    // ---- tariff LED

    private List<Boolean> ledEvery(Duration step, int count) {
        List<Boolean> lit = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lit.add(f.meter.reading().tariffLedLit());
            f.advance(step);
        }
        return lit;
    }

    @Test
    void tariffLedIsOffForT1() {
        assertThat(f.meter.reading().tariffLed()).isEqualTo(TariffLed.OFF);
        assertThat(ledEvery(Duration.ofMillis(250), 8)).containsOnly(false);
    }

    @Test
    void tariffLedIsOnForT2() {
        f.write(0x6048, 2);

        assertThat(f.meter.reading().tariffLed()).isEqualTo(TariffLed.ON);
        assertThat(ledEvery(Duration.ofMillis(250), 8)).containsOnly(true);
    }

    @ParameterizedTest(name = "by {0}")
    @ValueSource(strings = {"modbus", "input"})
    void tariffLedBlinksForT3(String by) {
        if (by.equals("modbus")) {
            f.write(0x6048, 3);
        } else {
            f.meter.setTariffInput(TariffInput.T3);
        }

        assertThat(f.meter.reading().tariffLed()).isEqualTo(TariffLed.BLINKING);
        List<Boolean> lit = ledEvery(Duration.ofMillis(500), 6);
        for (int i = 1; i < lit.size(); i++) {
            assertThat(lit.get(i)).as("half a second later").isNotEqualTo(lit.get(i - 1));
        }
    }

    @Test
    void tariffLedShowsTheActiveTariffNotTheModbusOne() {
        f.meter.setTariffInput(TariffInput.T2);
        f.write(0x6048, 3);

        assertThat(f.meter.reading().activeTariff()).isEqualTo(Tariff.T2);
        assertThat(f.meter.reading().tariffLed()).isEqualTo(TariffLed.ON);
    }
}
