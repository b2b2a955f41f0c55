package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.testkit.ExternalTool;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/** The twin's {@code GET /metrics}: six meters on two buses of three, asked over Modbus TCP here. */
class TwinMetricsTest {

    @TempDir
    Path dir;

    Twin twin;

    @BeforeEach
    void start() throws Exception {
        twin = Twin.start(TwinConfig.forTests(dir.resolve("state"))
                .rtuTcp(null)
                .meters(6)
                .busSize(3)
                .build());
    }

    @AfterEach
    void stop() {
        twin.close();
    }

    @Test
    void requestsAndExceptionsAreCountedPerMeterAndForTheSite() throws Exception {
        for (int i = 0; i < 3; i++) {
            ask(1, 1, "03 40 00 00 02"); // meter 1: the serial number
        }
        ask(1, 2, "03 30 00 00 01"); // meter 2: no such block, exception 02
        ask(2, 2, "06 60 48 00 02"); // meter 5: tariff 2
        ask(2, 2, "2B 0E 01 00"); // meter 5: an unknown function, exception 01
        ask(1, 9, "03 40 00 00 02"); // no meter 9 on bus 1: no meter takes it

        String page = metrics();
        promtool(page);
        assertThat(page)
                .contains(
                        "pro380_twin_meters 6\n",
                        "pro380_twin_requests_total{function=\"3\"} 4\n",
                        "pro380_twin_requests_total{function=\"6\"} 1\n",
                        "pro380_twin_requests_total{function=\"16\"} 0\n",
                        "pro380_twin_requests_total{function=\"other\"} 1\n",
                        "pro380_twin_exceptions_total{code=\"1\"} 1\n",
                        "pro380_twin_exceptions_total{code=\"2\"} 1\n",
                        "pro380_twin_exceptions_total{code=\"3\"} 0\n",
                        "pro380_twin_meter_requests_total{meter=\"1\",bus=\"1\",function=\"3\"} 3\n",
                        "pro380_twin_meter_requests_total{meter=\"2\",bus=\"1\",function=\"3\"} 1\n",
                        "pro380_twin_meter_exceptions_total{meter=\"2\",bus=\"1\",code=\"2\"} 1\n",
                        "pro380_twin_meter_requests_total{meter=\"5\",bus=\"2\",function=\"6\"} 1\n",
                        "pro380_twin_meter_requests_total{meter=\"5\",bus=\"2\",function=\"other\"} 1\n",
                        "pro380_twin_meter_exceptions_total{meter=\"5\",bus=\"2\",code=\"1\"} 1\n");
        assertThat(page.lines().filter(l -> l.startsWith("pro380_twin_meter_"))).hasSize(6);
    }

    /** One Modbus TCP request to unit {@code unit} on bus {@code bus}'s port; waits for the reply, if one comes. */
    private void ask(int bus, int unit, String pdu) throws IOException {
        ModbusTcpAsk.once(twin.tcpAddress(bus).orElseThrow(), unit, pdu);
    }

    private String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + twin.httpAddress().orElseThrow().getPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        return response.body();
    }

    private void promtool(String page) throws IOException, InterruptedException {
        promtool(page, dir);
    }

    /** {@code promtool check metrics} finds nothing to say about {@code page}. */
    static void promtool(String page, Path dir) throws IOException, InterruptedException {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        Path file = dir.resolve("metrics.txt");
        Path out = dir.resolve("promtool.txt");
        Files.writeString(file, page, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(List.of(promtool.toString(), "check", "metrics"))
                .redirectInput(file.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String verdict = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(verdict).isZero();
        assertThat(verdict).isBlank();
    }
}
