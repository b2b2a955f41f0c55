package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.client.HostPort;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.registers.Settings;

/** A twin of several meters: who each meter is, what the config says of them, and their memory. */
class SiteTest {

    @TempDir
    Path dir;

    private TwinConfig.Builder site(Path state) {
        return TwinConfig.builder(state).tcp(HostPort.loopback(0)).http(null).saveInterval(Duration.ofDays(3650));
    }

    @Test
    void metersSitOnBusesOfKWithUnitIds1ToKAndSerialsCountingOn() throws Exception {
        try (Twin twin =
                Twin.start(site(dir.resolve("state")).meters(7).busSize(3).build())) {
            assertThat(twin.buses()).hasSize(3);
            assertThat(twin.buses().get(2).size()).isEqualTo(1);
            assertThat(twin.meters()).extracting(TwinMeter::bus).containsExactly(1, 1, 1, 2, 2, 2, 3);
            assertThat(twin.meters())
                    .extracting(m -> m.reading().settings().unitId())
                    .containsExactly(1, 2, 3, 1, 2, 3, 1);
            assertThat(twin.meters())
                    .extracting(m -> m.reading().identity().serialNumber())
                    .containsExactly(22091039, 22091040, 22091041, 22091042, 22091043, 22091044, 22091045);
            assertThat(twin.meter(1).load()).isEqualTo(Load.household());
            assertThat(twin.meters().stream().map(TwinMeter::load).distinct()).hasSize(7);
            assertThat(twin.tcpAddress(3)).isPresent();
            assertThat(twin.tcpAddress(3).get().getPort())
                    .isNotEqualTo(twin.tcpAddress(1).get().getPort());
        }
    }

    @Test
    void theConfigFileDescribesMetersOneByOne() throws Exception {
        Path file = Files.writeString(dir.resolve("site.json"), """
                {"meters": [
                  {"settings": {"unitId": 9}, "identity": {"serialNumber": 12345678}},
                  {"powered": false, "load": {"frequency": 50, "phases": [
                    {"voltage": 230, "current": 1, "powerFactor": 1},
                    {"voltage": 230, "current": 2, "powerFactor": 1},
                    {"voltage": 230, "current": 3, "powerFactor": 1}]}}],
                 "busSize": 3}
                """);
        TwinConfig.Builder b = site(dir.resolve("state"));
        ConfigFile.apply(file, b);

        try (Twin twin = Twin.start(b.build())) {
            assertThat(twin.meters()).hasSize(2);
            assertThat(twin.meter(1).reading().settings().unitId()).isEqualTo(9);
            assertThat(twin.meter(1).reading().identity().serialNumber()).isEqualTo(12345678);
            assertThat(twin.meter(2).reading().powered()).isFalse();
            assertThat(twin.meter(2).load().phases())
                    .extracting(PhaseLoad::current)
                    .containsExactly(1.0, 2.0, 3.0);
            twin.meter(2).setPower(true);
            assertThat(twin.meter(2).reading().settings().unitId()).isEqualTo(2);
        }
    }

    @Test
    void aMeterLeftWithoutPowerKeepsItsMemoryUntouchedUntilItIsPoweredOn() throws Exception {
        Path state = dir.resolve("state");
        try (Twin twin = Twin.start(site(state).meters(2).timeScale(3600).build())) {
            long before = twin.meter(2).reading().time().toEpochMilli();
            while (twin.meter(2).reading().time().toEpochMilli() - before < 3_600_000) {
                Thread.sleep(10);
            }
        }
        byte[] saved = Files.readAllBytes(state.resolve("main.nv"));
        byte[] meter2 = Arrays.copyOfRange(saved, 323, 646);

        Path file = Files.writeString(dir.resolve("site.json"), "{\"meters\": [{}, {\"powered\": false}]}");
        TwinConfig.Builder b = site(state);
        ConfigFile.apply(file, b);
        try (Twin twin = Twin.start(b.build())) {
            twin.save();
            assertThat(Arrays.copyOfRange(Files.readAllBytes(state.resolve("main.nv")), 323, 646))
                    .as("meter 2's record")
                    .isEqualTo(meter2);

            twin.meter(2).setPower(true);

            assertThat(twin.meter(2).reading().counters().totalActiveMilli()).isGreaterThan(0);
            assertThat(twin.meter(2).reading().powerCounter()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[{\"powered\": false}]", "[{\"powered\": false}, {}]", "[{}, {\"powered\": false}]"})
    void aMeterNeverPoweredIsNewAtItsFirstPowerOn(String meters) throws Exception {
        Path file = Files.writeString(dir.resolve("site.json"), "{\"meters\": " + meters + "}");
        TwinConfig.Builder b = site(dir.resolve("state"));
        ConfigFile.apply(file, b);
        try (Twin twin = Twin.start(b.build())) {
            TwinMeter off = twin.meters().stream()
                    .filter(m -> !m.reading().powered())
                    .findFirst()
                    .orElseThrow();
            twin.save();

            off.setPower(true);

            assertThat(off.reading().storageError()).isEmpty();
            assertThat(off.reading().powerCounter()).isEqualTo(1);
        }
        try (Twin twin = Twin.start(site(dir.resolve("state"))
                .meters(meters.split("\\{").length - 1)
                .build())) {
            assertThat(twin.meters())
                    .allSatisfy(m -> assertThat(m.reading().storageError()).isEmpty());
        }
    }

    @Test
    void impossibleSitesAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> site(dir)
                        .meters(3)
                        .busSize(3)
                        .factorySettings(Settings.factory().withUnitId(246))
                        .build())
                .hasMessageContaining("go past 247");
        assertThatThrownBy(
                        () -> site(dir).meters(3).busSize(2).serial("/dev/null").build())
                .hasMessageContaining("a serial port serves one bus");
        assertThatThrownBy(() -> site(dir)
                        .meterEntries(
                                List.of(org.pro380.twin.site.MeterEntry.NONE, org.pro380.twin.site.MeterEntry.NONE))
                        .meters(1)
                        .build())
                .hasMessageContaining("describes 2 meters");
        assertThatThrownBy(() -> site(dir)
                        .tcp(HostPort.loopback(65535))
                        .meters(4)
                        .busSize(2)
                        .build())
                .hasMessageContaining("go past port 65535");
    }
}
