package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.source.SourceUri;
import org.pro380.twin.source.StaleMode;
import picocli.CommandLine;

/** The twin's source flags (docs/mirror.md): what they build, and one line for each mistake. */
class SourceFlagsTest {

    @TempDir
    Path dir;

    static TwinConfig config(String... args) {
        TwinCommand cmd = new TwinCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.buildConfig();
    }

    static String error(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString().strip();
    }

    @Test
    void theFlagsMakeTheTwinsSource() throws Exception {
        Path map = Files.copy(
                org.pro380.testkit.ProjectRoot.resolve(SourceFlagsTest.class, "docs/source-maps/tasmota-sensor.json"),
                dir.resolve("tasmota.json"));
        TwinConfig c = config(
                "--state",
                dir.toString(),
                "--source",
                "mqtt://127.0.0.1:1883/tele/meter/SENSOR",
                "--source-map",
                map.toString(),
                "--source-username",
                "twin",
                "--source-password",
                "pw",
                "--stale-after",
                "5s",
                "--on-stale",
                "zero");
        var source = c.source().orElseThrow();
        assertThat(source.uri()).isEqualTo(new SourceUri.Mqtt("127.0.0.1", 1883, "tele/meter/SENSOR", false));
        assertThat(source.map()).isPresent();
        assertThat(source.username()).contains("twin");
        assertThat(source.password()).contains("pw");
        assertThat(source.staleAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.onStale()).isEqualTo(StaleMode.ZERO);
    }

    @Test
    void staleFlagsApplyToEachMetersOwnSourceInTheConfigFile() throws Exception {
        Path config = Files.writeString(dir.resolve("twin.json"), """
                {"meters": [{"source": "modbus-tcp://127.0.0.1:5021?unit=2"}, {}]}
                """);
        TwinConfig c =
                config("--state", dir.resolve("s").toString(), "--config", config.toString(), "--on-stale", "hold");
        assertThat(c.source()).isEmpty();
        assertThat(c.site().entry(1).source().orElseThrow().onStale()).isEqualTo(StaleMode.HOLD);
        assertThat(c.site().entry(2).source()).isEmpty();
    }

    @Test
    void mistakesAreOneLineEach() throws Exception {
        String state = dir.resolve("s").toString();
        assertThat(error("twin", "--state", state, "--on-stale", "hold"))
                .isEqualTo("pro380: --source-map, "
                        + "--source-username, --source-password, --source-ca, --source-cert, --source-key, --stale-after and "
                        + "--on-stale need --source (or a \"source\" in the config file)");
        assertThat(error("twin", "--state", state, "--source", "mqtt://h/t", "--on-stale", "loud"))
                .isEqualTo("pro380: on-stale must be one of silent, zero, hold, got \"loud\"");
        assertThat(error("twin", "--state", state, "--source", "mqtt://h:1883"))
                .isEqualTo("pro380: source \"mqtt://h:1883\": no topic (mqtt://HOST:PORT/TOPIC)");
        Path bad = Files.writeString(
                dir.resolve("bad.json"), "{\"phases\": [{\"current\": \"$.x[\"}, {\"current\": 0}, {\"current\": 0}]}");
        assertThat(error("twin", "--state", state, "--source", "mqtt://h/t", "--source-map", bad.toString()))
                .isEqualTo("pro380: " + bad + ": phases[0].current: bad JSON path \"$.x[\": no ] for the [ at 3");
        Path config = Files.writeString(
                dir.resolve("twin.json"), "{\"source\": {\"uri\": \"mqtt://h/t\", \"map\": \"bad.json\"}}");
        assertThat(error("twin", "--state", state, "--config", config.toString()))
                .startsWith("pro380: " + config + ":1:")
                .endsWith("source: " + bad.toAbsolutePath()
                        + ": phases[0].current: bad JSON path \"$.x[\": no ] for the [ at 3");
    }
}
