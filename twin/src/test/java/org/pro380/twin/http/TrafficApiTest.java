package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.protocol.Hex;
import org.pro380.protocol.RtuCodec;
import org.pro380.testkit.Await;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/**
 * Every frame on record (docs/capture.md): a real twin of two meters answering over Modbus TCP and
 * RTU over TCP, its frames read back from {@code GET .../traffic}, its counters, the capture download.
 */
@Timeout(60)
class TrafficApiTest {

    @TempDir
    Path dir;

    Twin twin;
    ApiClient client;

    void start(TwinConfig.Builder config) throws Exception {
        twin = Twin.start(config.meters(2).build());
        client = new ApiClient(twin.httpAddress().orElseThrow().getPort());
    }

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private long counter(int meter, String name) {
        return ok(client.get("/api/meters/" + meter + "/counters")).get(name).longValue();
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }

    @Test
    void aReadAndItsReplyAreOnRecordDecodedByRegisterName() throws Exception {
        start(TwinConfig.forTests(dir.resolve("state")).rtuTcp(null));

        askTcp(2, "03 50 02 00 04"); // meter 2: voltage L1, L2

        JsonNode frames = ok(client.get("/api/meters/2/traffic")).get("frames");
        assertThat(frames).hasSize(2);
        JsonNode request = frames.get(0);
        assertThat(request.get("direction").textValue()).isEqualTo("in");
        assertThat(request.get("transport").textValue()).isEqualTo("tcp");
        assertThat(request.get("hex").textValue()).isEqualTo("00 01 00 00 00 06 02 03 50 02 00 04");
        assertThat(request.get("function").intValue()).isEqualTo(3);
        assertThat(request.get("address").intValue()).isEqualTo(0x5002);
        assertThat(request.get("quantity").intValue()).isEqualTo(4);
        assertThat(request.get("crc").isNull()).isTrue();
        JsonNode reply = frames.get(1);
        assertThat(reply.get("direction").textValue()).isEqualTo("out");
        assertThat(reply.get("values").get("voltage-l1").isNumber()).isTrue();
        assertThat(reply.get("values").get("voltage-l2").isNumber()).isTrue();
        assertThat(ok(client.get("/api/traffic")).get("frames")).isEmpty(); // meter 1 was not asked
    }

    @Test
    void aFaultIsNamedOnTheRequestAndTheReplyAndCounted() throws Exception {
        start(TwinConfig.forTests(dir.resolve("state")).rtuTcp(null));
        ok(client.put("/api/meters/1/faults", "{\"exception\":{\"code\":6}}"));

        askTcp(1, "03 40 00 00 02");

        JsonNode frames = ok(client.get("/api/traffic")).get("frames");
        assertThat(frames.get(0).get("faults").toString()).isEqualTo("[\"exception\"]");
        assertThat(frames.get(1).get("exception").intValue()).isEqualTo(6);
        assertThat(frames.get(1).get("faults").toString()).isEqualTo("[\"exception\"]");
        JsonNode counters = ok(client.get("/api/counters"));
        assertThat(counters.get("requests").get("3").longValue()).isEqualTo(1);
        assertThat(counters.get("faultsApplied").get("exception").longValue()).isEqualTo(1);
        String page = TwinMetrics.text(twin);
        assertThat(page)
                .contains("pro380_twin_meter_faults_applied_total{meter=\"1\",bus=\"1\",fault=\"exception\"} 1\n");
        TwinMetricsTest.promtool(page, dir);
    }

    @Test
    void aBrokenCrcAndAMeterWithoutPowerAreCounted() throws Exception {
        start(TwinConfig.forTests(dir.resolve("state")).tcp(null));
        byte[] broken = RtuCodec.encode(2, Hex.parse("03 40 00 00 02"));
        broken[broken.length - 1] ^= 0x55;
        ok(client.post("/api/meters/1/power", "{\"on\":false}"));

        List<byte[]> heard = askRtu(broken, RtuCodec.encode(1, Hex.parse("03 40 00 00 02")));

        assertThat(heard).isEmpty();
        Await.until("meter 2 counts the broken CRC", Duration.ofSeconds(10), () -> counter(2, "crcErrors") == 1);
        Await.until("meter 1 counts the frame it ignored", Duration.ofSeconds(10), () -> counter(1, "ignored") == 1);
        JsonNode frames = ok(client.get("/api/meters/2/traffic")).get("frames");
        assertThat(frames.get(0).get("crc").textValue()).isEqualTo("bad");
        assertThat(frames.get(0).get("transport").textValue()).isEqualTo("rtu-tcp");
        assertThat(ok(client.get("/api/meters/2/counters")).get("crcErrors").longValue())
                .isEqualTo(1);
        assertThat(ok(client.get("/api/meters/1/counters")).get("ignored").longValue())
                .isEqualTo(1);
        assertThat(TwinMetrics.text(twin))
                .contains(
                        "pro380_twin_meter_crc_errors_total{meter=\"2\",bus=\"1\"} 1\n",
                        "pro380_twin_meter_ignored_frames_total{meter=\"1\",bus=\"1\"} 1\n");
    }

    @Test
    void aScriptFollowsWithSince() throws Exception {
        start(TwinConfig.forTests(dir.resolve("state")).rtuTcp(null));
        for (int i = 0; i < 3; i++) {
            askTcp(1, "03 40 00 00 02");
        }

        JsonNode first = ok(client.get("/api/traffic?since=0&limit=4"));
        assertThat(first.get("frames")).hasSize(4);
        assertThat(first.get("last").longValue()).isEqualTo(4);
        JsonNode rest = ok(client.get("/api/traffic?since=4"));
        assertThat(rest.get("frames")).hasSize(2);
        assertThat(rest.get("frames").get(0).get("seq").longValue()).isEqualTo(5);
        assertThat(ok(client.get("/api/traffic?since=6")).get("last").longValue())
                .isEqualTo(6);
    }

    @Test
    void badQueryValuesAreOneLine400s() throws Exception {
        start(TwinConfig.forTests(dir.resolve("state")).rtuTcp(null));

        assertThat(client.get("/api/traffic?since=-1").body())
                .isEqualTo(
                        "{\"error\":\"since must be a whole number from 0 to 4611686018427387903, got \\\"-1\\\"\"}");
        assertThat(client.get("/api/traffic?limit=501").statusCode()).isEqualTo(400);
        assertThat(client.get("/api/traffic?follow=1").body())
                .isEqualTo(
                        "{\"error\":\"unknown query parameter \\\"follow\\\"; GET .../traffic takes since, limit\"}");
    }

    @Test
    void theCaptureIsDownloadedWhileItIsWritten() throws Exception {
        start(TwinConfig.forTests(dir.resolve("state")).rtuTcp(null).capture(dir.resolve("t.pcapng")));
        askTcp(1, "03 40 00 00 02");

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + twin.httpAddress().orElseThrow().getPort() + "/api/capture"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-pcapng");
        assertThat(Hex.format(Arrays.copyOf(response.body(), 4))).isEqualTo("0a 0d 0d 0a");
    }

    @Test
    void noCaptureIsA404() throws Exception {
        start(TwinConfig.forTests(dir.resolve("state")).rtuTcp(null));

        HttpResponse<String> response = client.get("/api/capture");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no capture: start the twin with --capture FILE.pcapng\"}");
    }

    /** One Modbus TCP request (transaction 1) to {@code unit}; waits for its reply. */
    private void askTcp(int unit, String pdu) throws IOException {
        ModbusTcpAsk.once(twin.tcpAddress().orElseThrow(), unit, pdu);
    }

    /** RTU frames over TCP, each followed by a silence; what came back (nothing here) within 300 ms. */
    private List<byte[]> askRtu(byte[]... frames) throws IOException, InterruptedException {
        InetSocketAddress address = twin.rtuTcpAddress().orElseThrow();
        List<byte[]> heard = new ArrayList<>();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (byte[] frame : frames) {
                out.write(frame);
                out.flush();
                byte[] buffer = new byte[256];
                try {
                    int n = in.read(buffer);
                    if (n > 0) {
                        heard.add(Arrays.copyOf(buffer, n));
                    }
                } catch (SocketTimeoutException silence) {
                    // no reply: the frame gap has passed too
                }
            }
        }
        return heard;
    }
}
