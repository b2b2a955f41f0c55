package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.twin.transport.ConnectionLimits;
import org.pro380.twin.transport.NonReadingClient;

/** What the control API does for clients that would take it down: too many, idle, slow, not reading, HTTP/2. */
class ConnectionsTest extends ServerTestBase {

    private static final String GET_STATE = "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @Test
    void anHttp2RequestLineIsAnswered505() throws IOException {
        String reply = exchange("GET /api/state HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 505 ").contains("connection: close", "{\"error\":\"HTTP/2.0 is not");
    }

    @Test
    void theHttp2PrefaceIsAnswered505() throws IOException {
        String reply = exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 505 ").contains("use HTTP/1.1");
        assertThat(reply.split("HTTP/1.1 ", -1)).as("one answer").hasSize(2);
    }

    @Test
    void aConnectionPastTheCapGets503AndOneClosingMakesRoom() throws Exception {
        serve(twin, Optional.empty(), new ConnectionLimits(2, Duration.ofSeconds(60)));
        try (Socket first = keptAlive();
                Socket second = keptAlive()) {
            assertThat(exchange(GET_STATE + GET_STATE))
                    .as("a third connection")
                    .startsWith("HTTP/1.1 503 ")
                    .contains("too many connections")
                    .doesNotContain("HTTP/1.1 200");
        }
        assertThat(eventuallyServed()).isTrue();
    }

    @Test
    void theRefusalPastTheCapIsTheErrorOfEveryOtherRefusal() {
        ApiResponse error = ApiResponse.error(503, "too many connections open; try again later", Map.of());

        assertThat(new String(ControlApi.TOO_MANY_CONNECTIONS, UTF_8))
                .contains("Content-Type: " + error.contentType() + "\r\n")
                .endsWith("\r\n\r\n" + new String(error.body(), UTF_8));
    }

    @Test
    void anIdleKeptAliveConnectionIsClosed() throws Exception {
        serve(twin, Optional.empty(), new ConnectionLimits(64, Duration.ofMillis(200)));
        try (Socket socket = keptAlive()) {
            assertThat(drain(socket.getInputStream())).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void aClientThatPipelinesWithoutReadingIsNoLongerRead() throws Exception {
        try (NonReadingClient flood = NonReadingClient.connect(api.port())) {
            assertThat(flood.flood(GET_STATE.getBytes(US_ASCII), Duration.ofSeconds(2)))
                    .isPositive();

            // One answer (a state document of some 10 KiB) at most waits in the twin, not thousands.
            assertThat(api.pendingReplyBytes()).isLessThan(ControlApi.MAX_BODY_BYTES);
            assertThat(client.get("/api/state").statusCode())
                    .as("others are still served")
                    .isEqualTo(200);
        }
    }

    /** A connection that had one request answered and stays open. */
    private Socket keptAlive() throws IOException {
        Socket socket = new Socket("127.0.0.1", api.port());
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(GET_STATE.getBytes(US_ASCII));
        String head = new String(socket.getInputStream().readNBytes(15), US_ASCII);
        assertThat(head).isEqualTo("HTTP/1.1 200 OK");
        return socket;
    }

    /** Reads whatever is left of the answer; -1 once the server closes, or throws on timeout. */
    private static int drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            // the rest of the answer
        }
        return n;
    }

    private boolean eventuallyServed() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (exchange("GET /api/state HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 200")) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
