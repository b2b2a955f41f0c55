package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;
import org.pro380.meter.MeterReading;
import org.pro380.twin.transport.CapturedLog;
import org.pro380.twin.transport.Ports;
import org.pro380.twin.transport.TransportException;

class HttpRulesTest extends ServerTestBase {

    private static final String LOAD_16A = "{\"frequency\":50,\"phases\":["
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1}]}";

    @Test
    void unknownPathIsNotFound() {
        HttpResponse<String> response = client.get("/api/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiClient.error(response)).contains("/api/nothing");
    }

    @Test
    void trailingSlashIsAnotherPath() {
        assertThat(client.get("/api/state/").statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIsNotAllowedAndSaysWhichIs() {
        HttpResponse<String> post = client.post("/api/state", "{}");
        HttpResponse<String> get = client.get("/api/load");
        HttpResponse<String> delete =
                client.send(client.request("/api/registers/lcd-cycle-time").DELETE());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(ApiClient.error(post)).contains("GET");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("PUT");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("PUT");
    }

    @Test
    void bodyOver64KiBIsTooLargeAndChangesNothing() {
        Load before = twin.load();
        char[] padding = new char[64 * 1024];
        Arrays.fill(padding, ' ');
        String body = LOAD_16A + new String(padding);

        HttpResponse<String> response = client.put("/api/load", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(ApiClient.error(response)).contains("64 KiB");
        assertThat(twin.load()).isEqualTo(before);
        assertThat(client.get("/api/state").statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOfExactly64KiBIsRead() {
        char[] padding = new char[64 * 1024 - LOAD_16A.length()];
        Arrays.fill(padding, ' ');

        HttpResponse<String> response = client.put("/api/load", LOAD_16A + new String(padding));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void nonJsonContentTypeIsUnsupportedAndChangesNothing() {
        Load before = twin.load();

        HttpResponse<String> response = client.send(client.request("/api/load")
                .PUT(BodyPublishers.ofString(LOAD_16A))
                .header("Content-Type", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(ApiClient.error(response)).contains("text/plain");
        assertThat(twin.load()).isEqualTo(before);
    }

    @Test
    void jsonWithCharsetAndMissingContentTypeAreAccepted() {
        HttpResponse<String> withCharset = client.send(client.request("/api/load")
                .PUT(BodyPublishers.ofString(LOAD_16A))
                .header("Content-Type", "application/json; charset=UTF-8"));
        HttpResponse<String> without = client.send(client.request("/api/load").PUT(BodyPublishers.ofString(LOAD_16A)));

        assertThat(withCharset.statusCode()).as(withCharset.body()).isEqualTo(200);
        assertThat(without.statusCode()).as(without.body()).isEqualTo(200);
    }

    @Test
    void rootIsTheFrontPanel() {
        HttpResponse<String> response = client.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(response.body()).contains("/panel/panel.js");
    }

    @Test
    void explicitTokenOnLoopbackIsRequiredForChanges() throws TransportException {
        serve(twin, Optional.of("s3cret"));
        Load before = twin.load();

        HttpResponse<String> none = client.put("/api/load", LOAD_16A);
        HttpResponse<String> wrong = client.send(client.request("/api/load")
                .PUT(BodyPublishers.ofString(LOAD_16A))
                .header("Authorization", "Bearer guess"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(ApiClient.error(none)).contains("Authorization");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(twin.load()).isEqualTo(before);
        assertThat(client.get("/api/state").statusCode()).isEqualTo(200);

        HttpResponse<String> right = client.send(client.request("/api/load")
                .PUT(BodyPublishers.ofString(LOAD_16A))
                .header("Authorization", "Bearer s3cret"));

        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(twin.load()).isNotEqualTo(before);
    }

    @Test
    void faultInTheTwinIsA500WithoutDetails() throws TransportException {
        serve(
                new MeterTwin() {
                    @Override
                    public MeterReading reading() {
                        throw new IllegalStateException("secret internals at org.pro380.Foo");
                    }
                },
                Optional.empty());

        try (CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> response = client.get("/api/state");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(ApiClient.error(response)).doesNotContain("secret", "org.pro380");
            // An unexpected fault is the operator's to see, with where it happened.
            assertThat(log.text())
                    .contains(
                            "ERROR",
                            "GET /api/state failed",
                            "IllegalStateException: secret internals",
                            "\tat org.pro380.twin.http");
        }
    }

    @Test
    void malformedHttpIsABadRequest() throws IOException {
        String reply = exchange("THIS IS NOT HTTP\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 400").contains("{\"error\":").doesNotContain("Exception");
    }

    @Test
    void connectionIsKeptForTheNextRequest() throws IOException {
        String get = "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String last = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

        String replies = exchange(get + get + last);

        assertThat(replies.split("HTTP/1.1 200 OK", -1)).hasSize(4);
        assertThat(replies).endsWith("</html>\n");
    }

    @Test
    void describesItselfWithItsPort() {
        assertThat(api.describe()).isEqualTo("control API on http://127.0.0.1:" + api.port() + "/");
        assertThat(new ApiClient(api.port()).get("/api/state").statusCode())
                .as("served on that port")
                .isEqualTo(200);
    }

    @Test
    void closeReleasesThePort() throws IOException {
        int port = api.port();
        api.close();

        Ports.assertReleased(port, HttpRulesTest::answers);
    }

    /** Whether a control API answers GET /api/state on {@code port}. */
    private static boolean answers(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("GET /api/state HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
            return new String(socket.getInputStream().readNBytes(12), US_ASCII).equals("HTTP/1.0 200");
        } catch (java.net.ConnectException e) {
            return false;
        }
    }
}
