package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pro380.twin.source.MirrorTwins.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.Pro380Client;
import org.pro380.meter.PhaseLoad;
import org.pro380.registers.Registers;
import org.pro380.testkit.ExternalTool;
import org.pro380.testkit.ProjectRoot;
import org.pro380.twin.ConfigFile;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/**
 * A twin mirroring a generic meter: pymodbus (Debian's python3-pymodbus) serving an SDM630's
 * input registers on 127.0.0.1, read through the shipped sdm630.json map.
 */
class GenericModbusMirrorTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void theMirrorShowsTheSdm630sValuesAndGoesStaleWhenItStops() throws Exception {
        ExternalTool.requirePythonModule(PYTHON, "pymodbus", "python3-pymodbus");
        Path map = ProjectRoot.resolve(GenericModbusMirrorTest.class, "docs/source-maps/sdm630.json");
        Process sdm630 = startSdm630();
        try {
            int port = portOf(sdm630);
            String uri = "modbus-tcp://127.0.0.1:" + port + "?unit=1&map=" + map;
            SourceSpec source = SourceSpec.of(uri).withStaleAfter(Duration.ofSeconds(1));
            long start = System.nanoTime();
            try (Twin mirror = Twin.start(MirrorTwins.twin(dir.resolve("mirror"))
                            .source(source)
                            .build());
                    Pro380Client master = MirrorTwins.master(mirror)) {
                await(
                        "the SDM630's values",
                        () -> mirror.meter(1).load().phases().get(0).current() == 4.0);
                System.out.printf(
                        "SDM630 (pymodbus) -> mirror, from the twin's start: %.1f ms%n",
                        (System.nanoTime() - start) / 1e6);

                assertThat(mirror.meter(1).load().phases())
                        .containsExactly(
                                new PhaseLoad(230, 4, 0.5, false, false),
                                new PhaseLoad(231, 1, 1, true, false),
                                new PhaseLoad(229.5, 2, 0.75, false, true));
                assertThat(master.read(Registers.VOLTAGE_L1)).isEqualTo(230.0);
                assertThat(master.read(Registers.CURRENT_L1)).isEqualTo(4.0);
                assertThat(master.read(Registers.ACTIVE_POWER_L1))
                        .isCloseTo(0.46, within(1e-6)); // kW: 230 V x 4 A x 0.5
                assertThat(master.read(Registers.POWER_FACTOR_L1)).isEqualTo(0.5);
                assertThat(master.read(Registers.FREQUENCY)).isCloseTo(49.9, within(1e-5));
                JsonNode state = MirrorTwins.state(mirror).get("source");
                assertThat(state.get("uri").asText()).isEqualTo(uri);
                assertThat(state.get("connected").asBoolean()).isTrue();
                assertThat(state.get("stale").asBoolean()).isFalse();

                sdm630.destroy();
                long gone = System.nanoTime();
                await(
                        "stale once the SDM630 is gone",
                        () -> mirror.source(1).orElseThrow().stale());
                System.out.printf(
                        "SDM630 gone -> mirror stale (stale after 1 s): %.1f ms%n", (System.nanoTime() - gone) / 1e6);
                assertThat(mirror.source(1).orElseThrow().connected()).isFalse();
                assertThat(MirrorTwins.currentL1(master)).isNaN();
            }
        } finally {
            sdm630.destroyForcibly();
            sdm630.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMapWithABadFieldIsRefusedInOneLineAndNothingStarts() throws Exception {
        Path map = Files.writeString(dir.resolve("meter.json"), """
                {"phases": [{"current": {"address": 6, "type": "float"}}, {"current": 0}, {"current": 0}]}
                """);
        String uri = "modbus-tcp://127.0.0.1:1502?unit=2&map=" + map;

        assertThatThrownBy(() -> SourceSpec.of(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source \"" + uri + "\": " + map
                        + ": phases[0].current.type: expected one of f32, s16, u16, s32, u32, got \"float\"");
    }

    @Test
    void theMapIsAnOptionOfAModbusSource() {
        Path map = ProjectRoot.resolve(GenericModbusMirrorTest.class, "docs/source-maps/eastron-float.json");

        SourceUri tcp = SourceUri.parse("modbus-tcp://127.0.0.1:1502?map=" + map + "&unit=7");
        SourceUri rtu = SourceUri.parse("rtu:/dev/ttyUSB1?map=" + map);

        assertThat(tcp)
                .isInstanceOf(SourceUri.Mapped.class)
                .hasToString("modbus-tcp://127.0.0.1:1502?unit=7&map=" + map);
        assertThat(((SourceUri.Mapped) tcp).meter()).isEqualTo(new SourceUri.ModbusTcp("127.0.0.1", 1502, 7));
        assertThat(((SourceUri.Mapped) rtu).meter())
                .isEqualTo(new SourceUri.Rtu("/dev/ttyUSB1", 9600, org.pro380.protocol.Parity.EVEN, 1));
        assertThat(SourceUri.parse("modbus-tcp://127.0.0.1:1502?unit=7")).isInstanceOf(SourceUri.ModbusTcp.class);
        assertThatThrownBy(() -> SourceUri.parse("modbus-tcp://h?map="))
                .hasMessage("source \"modbus-tcp://h?map=\": map= needs a file");
        assertThatThrownBy(() -> SourceUri.parse("rtu:/dev/ttyUSB1?unit=2&map"))
                .hasMessage("source \"rtu:/dev/ttyUSB1?unit=2&map\": map= needs a file");
        assertThatThrownBy(() -> SourceUri.parse("modbus-tcp://h?map=" + dir.resolve("none.json")))
                .hasMessage("source \"modbus-tcp://h?map=" + dir.resolve("none.json") + "\": "
                        + dir.resolve("none.json") + ": no such file");
    }

    @Test
    void inTheConfigFileARelativeMapIsTakenFromTheConfigFilesDirectory() throws Exception {
        Files.copy(
                ProjectRoot.resolve(GenericModbusMirrorTest.class, "docs/source-maps/sdm630.json"),
                dir.resolve("sdm630.json"));
        Path file = Files.writeString(dir.resolve("twin.json"), """
                {"meters": [{}, {"source": {"uri": "modbus-tcp://127.0.0.1:5022?unit=4&map=sdm630.json", "onStale": "zero"}}]}
                """);
        TwinConfig.Builder b = MirrorTwins.twin(dir.resolve("state"));
        ConfigFile.apply(file, b);

        SourceSpec meter2 = b.build().site().entry(2).source().orElseThrow();

        assertThat(meter2.uri()).hasToString("modbus-tcp://127.0.0.1:5022?unit=4&map=" + dir.resolve("sdm630.json"));
        assertThat(((SourceUri.Mapped) meter2.uri()).map().reads()).containsExactly(new ModbusSourceMap.Read(4, 0, 72));
        assertThat(meter2.onStale()).isEqualTo(StaleMode.ZERO);
    }

    private Process startSdm630() throws Exception {
        Path script = dir.resolve("input_register_server.py");
        try (InputStream in = GenericModbusMirrorTest.class.getResourceAsStream("/source/input_register_server.py")) {
            assertThat(in).as("test resource source/input_register_server.py").isNotNull();
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return new ProcessBuilder(List.of(PYTHON.toString(), script.toString(), "--words", Sdm630Image.WORDS))
                .redirectError(dir.resolve("server.err").toFile())
                .start();
    }

    /** The port the server prints once it listens, within 20 s. */
    private int portOf(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (java.io.IOException e) {
                        return null;
                    }
                })
                .get(20, TimeUnit.SECONDS);
        assertThat(line)
                .as("the server's port; its errors: %s", Files.readString(dir.resolve("server.err")))
                .isNotNull();
        return Integer.parseInt(line.strip());
    }
}
