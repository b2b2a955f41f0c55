package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pro380.protocol.LineTiming;
import org.pro380.protocol.Parity;
import org.pro380.registers.Tariff;

/** Factory settings and identity (spec sections 2 and 5), and the same rules for settings as for writes. */
class SettingsTest {

    @Test
    void factorySettingsAreTheSpecsDefaults() {
        Settings s = Settings.factory();

        assertThat(s.unitId()).isEqualTo(1);
        assertThat(s.baud()).isEqualTo(9600);
        assertThat(s.parity()).isEqualTo(Parity.EVEN);
        assertThat(s.lcdCycleSeconds()).isEqualTo(10);
        assertThat(s.backlight()).isTrue();
        assertThat(s.modbusTariff()).isEqualTo(Tariff.T1);
        assertThat(s.lineTiming()).isEqualTo(new LineTiming(9600, Parity.EVEN));
    }

    @Test
    void settingsRefuseWhatAWriteWouldRefuse() {
        Settings s = Settings.factory();

        assertThatThrownBy(() -> s.withUnitId(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withUnitId(248)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withBaud(19200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withBaud(9601)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withLcdCycleSeconds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withLcdCycleSeconds(31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withParity(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withModbusTariff(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.withUnitId(247).withBaud(300).withLcdCycleSeconds(30).unitId()).isEqualTo(247);
    }

    @Test
    void theTypicalIdentityIsTheRealMeterOfTheSpec() {
        Identity id = Identity.typical();

        assertThat(id.serialNumber()).isEqualTo(22091039);
        assertThat(id.meterCode()).isEqualTo(0x0102);
        assertThat(id.meterAmps()).isEqualTo(45);
        assertThat(id.checksum()).isEqualTo(0x0607E329L);
        assertThat(id.withSerialNumber(12345678).serialNumber()).isEqualTo(12345678);
    }

    @Test
    void anIdentityTheRegistersCannotCarryIsRefused() {
        Identity id = Identity.typical();

        assertThatThrownBy(() -> id.withSerialNumber(100_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> id.withSerialNumber(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identity(1, 0x10000, 3.2, 2.18, 1.32, 45, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identity(1, 1, 3.2, 2.18, 1.32, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identity(1, 1, 3.2, 2.18, 1.32, 45, 0x1_0000_0000L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfiguredIdentityIsWhatTheRegistersShow() {
        Meter meter = new Meter(new TestClock(), new Identity(12345678, 0x0203, 3.3, 2.2, 1.4, 40, 0x1234ABCDL),
                Load.household());
        meter.powerOn(StoredState.factoryNew(Settings.factory()), java.util.Optional.empty());
        MeterServer server = new MeterServer(meter);

        byte[] reply = server.answer(org.pro380.protocol.Hex.parse("03 40 00 00 03"));
        assertThat(org.pro380.protocol.Hex.format(reply)).isEqualTo("03 06 12 34 56 78 02 03");
        reply = server.answer(org.pro380.protocol.Hex.parse("03 40 0b 00 02"));
        assertThat(org.pro380.protocol.Hex.format(reply)).isEqualTo("03 04 00 00 00 28");
        reply = server.answer(org.pro380.protocol.Hex.parse("03 40 1b 00 02"));
        assertThat(org.pro380.protocol.Hex.format(reply)).isEqualTo("03 04 12 34 ab cd");
        assertThat(meter.reading().lcd().cycle().get(4).text()).isEqualTo("CRC 1234ABCD");
    }
}
