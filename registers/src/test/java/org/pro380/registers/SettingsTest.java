package org.pro380.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.testkit.WrittenOutEquals.assertCoversEveryComponent;

import org.junit.jupiter.api.Test;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;

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
        assertThat(s.line()).isEqualTo(new LineSettings(9600, Parity.EVEN));
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
        assertThat(s.withUnitId(247).withBaud(300).withLcdCycleSeconds(30).unitId())
                .isEqualTo(247);
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
        assertThatThrownBy(() -> new Identity(1, 0x10000, 3.2, 2.18, 1.32, 45, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identity(1, 1, 3.2, 2.18, 1.32, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identity(1, 1, 3.2, 2.18, 1.32, 45, 0x1_0000_0000L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsAndHashCodeCoverEveryComponent() {
        Settings base = Settings.factory();

        assertCoversEveryComponent(
                base,
                base.withUnitId(2),
                base.withBaud(4800),
                base.withParity(Parity.ODD),
                base.withLcdCycleSeconds(5),
                base.withBacklight(false),
                base.withModbusTariff(Tariff.T2));
    }
}
