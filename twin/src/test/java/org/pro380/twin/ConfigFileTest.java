package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.HostPort;
import org.pro380.protocol.Parity;
import org.pro380.testkit.ProjectRoot;

class ConfigFileTest {

    @TempDir
    Path dir;

    private TwinConfig read(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("twin.json"), json);
        TwinConfig.Builder b = TwinConfig.builder(dir.resolve("state"));
        ConfigFile.apply(file, b);
        return b.build();
    }

    /** The example in docs/twin.md must be a config the twin takes. */
    @Test
    void theDocumentedExampleIsValid() throws IOException {
        String doc = Files.readString(ProjectRoot.resolve(ConfigFileTest.class, "docs/twin.md"));
        int start = doc.indexOf("```json\n", doc.indexOf("### Config file"));
        String json = doc.substring(start + 8, doc.indexOf("```", start + 8));
        TwinConfig c = read(json);
        assertThat(c.factorySettings().unitId()).isEqualTo(7);
        assertThat(c.factorySettings().parity()).isEqualTo(Parity.EVEN);
        assertThat(c.initialLoad().phases())
                .allSatisfy(p -> assertThat(p.current()).isEqualTo(16));
        assertThat(c.rtuTcp()).contains(HostPort.loopback(5021));
        assertThat(c.identity().checksum()).isEqualTo(0x0607E329L);
        assertThat(c.saveInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theDefaultSaveIntervalIsOneSecondUntilARoundOfTheSiteTakesLonger() {
        assertThat(TwinConfig.builder(dir).meters(200_000).build().saveInterval())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(TwinConfig.builder(dir).meters(200_001).build().saveInterval())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(TwinConfig.builder(dir).meters(500_000).build().saveInterval())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(TwinConfig.builder(dir).meters(1_000_000).build().saveInterval())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(TwinConfig.builder(dir)
                        .meters(1_000_000)
                        .saveInterval(Duration.ofMillis(500))
                        .build()
                        .saveInterval())
                .as("one given is kept")
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void anEmptyObjectKeepsEveryDefault() throws IOException {
        TwinConfig c = read("{}");
        assertThat(c).isEqualTo(TwinConfig.builder(dir.resolve("state")).build());
    }

    @Test
    void aLoadWithTwoPhasesIsRefusedWithTheLoadsOwnMessage() {
        assertThatThrownBy(() -> read("{\"load\": {\"frequency\": 50, \"phases\": ["
                        + "{\"voltage\": 230, \"current\": 1, \"powerFactor\": 1},"
                        + "{\"voltage\": 230, \"current\": 1, \"powerFactor\": 1}]}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twin.json")
                .hasMessageContaining("3 phases");
    }

    @Test
    void aPhaseOutOfRangeIsRefused() {
        assertThatThrownBy(() -> read("{\"load\": {\"frequency\": 50, \"phases\": ["
                        + "{\"voltage\": 230, \"current\": 1, \"powerFactor\": 1.5},"
                        + "{\"voltage\": 230, \"current\": 1, \"powerFactor\": 1},"
                        + "{\"voltage\": 230, \"current\": 1, \"powerFactor\": 1}]}}"))
                .hasMessageContaining("phases[0]")
                .hasMessageContaining("powerFactor must be 0..1");
    }

    @Test
    void anIllegalSettingIsRefusedByTheRegistersRule() {
        assertThatThrownBy(() -> read("{\"settings\": {\"baud\": 19200}}"))
                .hasMessageContaining("baud-rate must be 300, 600, 1200, 2400, 4800 or 9600, got 19200");
    }

    @Test
    void aBadListenerIsRefused() {
        assertThatThrownBy(() -> read("{\"tcp\": \"localhost\"}")).hasMessageContaining("expected HOST:PORT");
    }

    @Test
    void aMissingFileIsOneLine() {
        assertThatThrownBy(() -> ConfigFile.apply(dir.resolve("nope.json"), TwinConfig.builder(dir)))
                .hasMessageEndingWith("nope.json: no such file");
    }

    @Test
    void theFaultsListTakesLineAndWiringFaults() throws IOException {
        TwinConfig c = read("{\"faults\": [\"drop=0.1\", \"meter=2:lostPhase=L3\", \"bus=1:swappedAB\", \"stuck\"]}");

        assertThat(c.faults())
                .extracting(f -> f.rule().fault().name())
                .containsExactly("drop", "lostPhase", "swappedAB", "stuck");
        assertThat(c.faults().get(1).meter()).contains(2);
        assertThat(c.faults().get(2).bus()).contains(1);
        assertThat(c.faults().get(2).onLine()).isTrue();
    }
}
