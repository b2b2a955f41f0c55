package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.client.ExceptionReplyException;
import org.pro380.client.Pro380Client;
import org.pro380.registers.Registers;
import org.pro380.twin.ConfigFile;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.transport.CapturedLog;

/** Sources in the config file: for every meter, or one meter's own; and what is refused. */
class SourceConfigTest {

    @TempDir
    Path dir;

    private TwinConfig.Builder read(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("twin.json"), json);
        TwinConfig.Builder b = MirrorTwins.twin(dir.resolve("state"));
        ConfigFile.apply(file, b);
        return b;
    }

    @Test
    void aTopLevelSourceWithAMapNextToTheConfigAndMeterSourcesOfTheirOwn() throws Exception {
        Files.copy(
                org.pro380.testkit.ProjectRoot.resolve(SourceConfigTest.class, "docs/source-maps/shelly-pro-3em.json"),
                dir.resolve("shelly.json"));
        TwinConfig c = read("""
                {"source": {"uri": "mqtt://127.0.0.1:1883/shellies/pro3em/status/em:0", "map": "shelly.json",
                            "username": "twin", "password": "pw", "staleAfterMillis": 3000, "onStale": "zero"},
                 "meters": [{}, {"source": "modbus-tcp://127.0.0.1:5022?unit=4"}]}
                """).build();
        SourceSpec all = c.source().orElseThrow();
        assertThat(all.uri()).isEqualTo(new SourceUri.Mqtt("127.0.0.1", 1883, "shellies/pro3em/status/em:0", false));
        assertThat(all.map()).isPresent();
        assertThat(all.username()).contains("twin");
        assertThat(all.staleAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(all.onStale()).isEqualTo(StaleMode.ZERO);
        assertThat(c.site().entry(1).source()).isEmpty();
        assertThat(c.site().entry(2).source().orElseThrow().uri())
                .isEqualTo(new SourceUri.ModbusTcp("127.0.0.1", 5022, 4));
        assertThat(c.site().entry(2).source().orElseThrow().onStale()).isEqualTo(StaleMode.SILENT);
    }

    @Test
    void mistakesAreOneLineWithTheirPlace() {
        assertThatThrownBy(() -> read("{\"source\": {\"uri\": \"mqtt://h/t\", \"stale\": 5}}"))
                .hasMessageEndingWith(
                        "source: stale: unknown field (expected one of uri, map, username, password, ca, cert, key, "
                                + "staleAfterMillis, onStale)");
        assertThatThrownBy(() -> read("{\"meters\": [{\"source\": \"modbus-tcp://h?unit=0\"}]}"))
                .hasMessageEndingWith(
                        "meters: meter 1: source: source \"modbus-tcp://h?unit=0\": unit must be 1..247, got \"0\"");
        assertThatThrownBy(() -> read("{\"source\": {\"uri\": \"mqtt://h/t\", \"map\": \"missing.json\"}}"))
                .hasMessageEndingWith("missing.json: no such file");
    }

    @Test
    void aMeterTakesItsLoadFromAProfileOrASourceNeverBoth() throws Exception {
        assertThatThrownBy(() -> read("{\"source\": \"mqtt://h/t\", \"profile\": \"pv\"}")
                        .build())
                .hasMessageContaining("from a profile or from a source, not both");
        assertThatThrownBy(() -> read("{\"meters\": [{\"source\": \"mqtt://h/t\", \"profile\": \"pv\"}]}"))
                .hasMessageContaining("meter 1: a meter takes its load from a profile or from a source, not both");

        // the twin's source reaches meters without a profile of their own; a meter's own profile wins
        try (CapturedLog log = CapturedLog.start();
                Twin twin = Twin.start(read("""
                        {"source": "mqtt://127.0.0.1:1/nobody", "meters": [{}, {"profile": "pv"}]}
                        """).build())) {
            assertThat(twin.source(1)).isPresent();
            assertThat(twin.source(2)).isEmpty();
            assertThat(twin.meter(2).profile()).isPresent();
            assertThat(twin.meter(1).profile()).isEmpty();

            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + twin.httpAddress().orElseThrow().getPort() + "/api/meters/1/profile"))
                                    .PUT(HttpRequest.BodyPublishers.ofString("{\"profile\": \"pv\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("meter 1 mirrors mqtt://127.0.0.1:1/nobody");
            assertThat(twin.meter(1).profile()).isEmpty();
        }
    }

    @Test
    void onABusOfTwoOnlyTheStaleSilentMirrorFallsSilent() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Twin twin = Twin.start(read("{\"meters\": [{}, {\"source\": \"mqtt://127.0.0.1:1/nobody\"}]}")
                        .build())) {
            int port = twin.tcpAddress().orElseThrow().getPort();
            ClientConfig master = ClientConfig.of(new Endpoint.ModbusTcp("127.0.0.1", port))
                    .withRetries(0)
                    .withTimeout(Duration.ofSeconds(5));
            try (Pro380Client one = Pro380Client.connect(master.withUnitId(1));
                    Pro380Client two = Pro380Client.connect(master.withUnitId(2))) {
                assertThat(one.read(Registers.VOLTAGE_L1)).isPositive();
                assertThatThrownBy(() -> two.read(Registers.VOLTAGE_L1)).isInstanceOf(ExceptionReplyException.class);
            }
            assertThat(twin.source(1)).isEmpty();
            assertThat(twin.source(2).orElseThrow().stale()).isTrue();
        }
    }
}
