package org.pro380.twin.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.pro380.client.ClientConfig;
import org.pro380.client.ClientException;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.client.Pro380Client;
import org.pro380.registers.Registers;
import org.pro380.testkit.Await;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/** What the mirror tests share: twins on loopback, a Modbus master, the state document, bounded waits. */
final class MirrorTwins {

    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MirrorTwins() {}

    /** A twin with Modbus TCP and HTTP on free loopback ports, saving seldom. */
    static TwinConfig.Builder twin(Path state) {
        return TwinConfig.builder(state)
                .tcp(HostPort.loopback(0))
                .http(HostPort.loopback(0))
                .saveInterval(Duration.ofDays(1));
    }

    static Pro380Client master(Twin twin) throws ClientException {
        InetSocketAddress at = twin.tcpAddress().orElseThrow();
        return Pro380Client.connect(ClientConfig.of(new Endpoint.ModbusTcp("127.0.0.1", at.getPort()))
                .withTimeout(Duration.ofMillis(500))
                .withRetries(0));
    }

    /** The L1 current register, or NaN while the meter does not answer. */
    static double currentL1(Pro380Client master) {
        try {
            return master.read(Registers.CURRENT_L1);
        } catch (ClientException e) {
            return Double.NaN;
        }
    }

    /** A load in the PUT /api/load format: {@code amps} on L1 at 230 V, nothing on L2 and L3. */
    static String load(double amps) {
        return "{\"frequency\": 50, \"phases\": [{\"voltage\": 230, \"current\": " + amps + ", \"powerFactor\": 1},"
                + " {\"voltage\": 230, \"current\": 0, \"powerFactor\": 1}, {\"voltage\": 230, \"current\": 0, \"powerFactor\": 1}]}";
    }

    static JsonNode state(Twin twin) throws Exception {
        InetSocketAddress at = twin.httpAddress().orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/api/state"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Waits for {@code condition} until the deadline; fails with {@code what} if it never holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, DEADLINE, condition);
    }
}
