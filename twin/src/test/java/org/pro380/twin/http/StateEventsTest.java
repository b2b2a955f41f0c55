package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/events}: the state document as server-sent events. */
@Timeout(30)
class StateEventsTest extends ServerTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOAD_16A = "{\"frequency\":50,\"phases\":["
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1}]}";

    @Test
    void streamOpensWithTheRetryDelayAndTheStateAtOnce() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(api.port())) {
            EventStreamClient.Event retry = events.next();
            EventStreamClient.Event first = events.next();

            assertThat(events.status).isEqualTo(200);
            assertThat(events.headers.get("content-type")).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(events.headers.get("transfer-encoding")).isEqualTo("chunked");
            assertThat(events.headers.get("cache-control")).isEqualTo("no-store");
            assertThat(events.headers).doesNotContainKey("content-length");
            assertThat(retry.retry()).isEqualTo("2000");
            assertThat(first.name()).isEqualTo("state");
            assertThat(JSON.readTree(first.data())).isEqualTo(client.state());
        }
    }

    @Test
    void eventsFollowEveryPeriodAndCarryChanges() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(api.port())) {
            events.next();
            events.next();

            assertThat(client.put("/api/load", LOAD_16A).statusCode()).isEqualTo(200);

            List<JsonNode> states = new ArrayList<>();
            while (states.size() < 3) {
                EventStreamClient.Event event = events.next();
                assertThat(event.name()).isEqualTo("state");
                states.add(JSON.readTree(event.data()));
            }
            assertThat(states.get(2).at("/registers/current-l2/value").doubleValue())
                    .isEqualTo(16.0);
            assertThat(states.get(2).at("/registers/active-power/value").doubleValue())
                    .isCloseTo(11.04, within(1e-9));
        }
    }

    @Test
    void closingTheConnectionFreesTheStream() throws IOException {
        EventStreamClient events = EventStreamClient.open(api.port());
        events.next();
        awaitStreams(1);

        events.close();

        awaitStreams(0);
    }

    @Test
    void streamsBeyondTheCapAreRefusedUntilOneCloses() throws IOException {
        List<EventStreamClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < StateEvents.MAX_STREAMS; i++) {
                EventStreamClient events = EventStreamClient.open(api.port());
                open.add(events);
                assertThat(events.status).as("stream %d", i + 1).isEqualTo(200);
            }
            awaitStreams(StateEvents.MAX_STREAMS);

            try (EventStreamClient refused = EventStreamClient.open(api.port())) {
                assertThat(refused.status).isEqualTo(503);
                assertThat(refused.headers.get("retry-after")).isEqualTo("2");
                assertThat(JSON.readTree(refused.rest()).get("error").textValue())
                        .contains("too many event streams");
            }

            open.remove(0).close();
            awaitStreams(StateEvents.MAX_STREAMS - 1);
            try (EventStreamClient again = EventStreamClient.open(api.port())) {
                assertThat(again.status).isEqualTo(200);
                again.next();
            }
        } finally {
            for (EventStreamClient events : open) {
                events.close();
            }
        }
        awaitStreams(0);
    }

    @Test
    void aFurtherRequestOnAStreamingConnectionClosesIt() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(api.port())) {
            events.next();

            events.send("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            assertThat(events.closedByServer()).isTrue();
            awaitStreams(0);
        }
    }

    @Test
    void aRequestPipelinedBehindTheStreamClosesIt() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                    + "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(UTF_8));
            String replies = new String(socket.getInputStream().readAllBytes(), UTF_8);

            assertThat(replies).startsWith("HTTP/1.1 200 OK").contains("event: state");
            assertThat(replies.split("HTTP/1.1 ", -1)).as("answers").hasSize(2);
        }
        awaitStreams(0);
    }

    @Test
    void http10GetsTheStreamUnchunkedUntilTheConnectionCloses() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(api.port(), StateEvents.PATH, "HTTP/1.0")) {
            events.next();
            EventStreamClient.Event first = events.next();

            assertThat(events.status).isEqualTo(200);
            assertThat(events.headers).doesNotContainKeys("transfer-encoding", "content-length");
            assertThat(events.headers.getOrDefault("connection", "close")).isEqualToIgnoringCase("close");
            assertThat(JSON.readTree(first.data()).get("unitId").intValue()).isEqualTo(1);
            assertThat(events.next().name()).isEqualTo("state");
        }
    }

    @Test
    void closingTheApiEndsTheStreamsWithTheLastChunk() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(api.port())) {
            events.next();

            api.close();

            assertThatThrownBy(() -> {
                        while (true) {
                            events.next();
                        }
                    })
                    .hasMessageContaining("last chunk");
            assertThat(events.closedByServer()).isTrue();
        }
    }

    @Test
    void onlyGetIsAllowed() {
        HttpResponse<String> post = client.post(StateEvents.PATH, "{}");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void eventPutsEachLineOfThePayloadOnADataLine() {
        assertThat(new String(StateEvents.event("state", "{\"a\":1}".getBytes(UTF_8)), UTF_8))
                .isEqualTo("event: state\ndata: {\"a\":1}\n\n");
        assertThat(new String(StateEvents.event("note", "one\ntwo\r\nthree".getBytes(UTF_8)), UTF_8))
                .isEqualTo("event: note\ndata: one\ndata: two\ndata: three\n\n");
    }

    @Test
    void routerAnswersTheOpeningWithoutANetwork() throws IOException {
        Router router = ControlEndpoints.router(twin, TokenCheck.forBind(true, java.util.Optional.empty()));

        ApiResponse opening = router.dispatch(ApiRequest.of("GET", StateEvents.PATH));

        assertThat(StateEvents.isOpening(opening)).isTrue();
        String body = new String(opening.body(), UTF_8);
        assertThat(body).startsWith("retry: 2000\n\nevent: state\ndata: {").endsWith("}\n\n");
        JsonNode data = JSON.readTree(body.substring(body.indexOf("data: ") + 6, body.length() - 2));
        // MeterTwin: factory settings, powered at 2024-05-01T12:00:00Z, the household load (10 A on L1)
        assertThat(data.get("powered").booleanValue()).isTrue();
        assertThat(data.get("time").textValue()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(data.get("unitId").intValue()).isEqualTo(1);
        assertThat(data.at("/registers/current-l1/value").doubleValue()).isEqualTo(10.0);
        assertThat(data.at("/load/phases/0/current").doubleValue()).isEqualTo(10.0);
    }

    private void awaitStreams(int expected) {
        awaitEquals("open event streams", api::eventStreams, expected, Duration.ofSeconds(3));
    }

    private static void awaitEquals(String what, IntSupplier actual, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = actual.getAsInt();
        while (seen != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            seen = actual.getAsInt();
        }
        assertThat(seen).as(what).isEqualTo(expected);
    }
}
