package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.profile.Profile;
import org.pro380.profile.ProfilePoint;
import org.pro380.profile.Profiles;
import org.pro380.profile.testing.ProfileSamples;

/** Profiles in a running twin: --profile, the config file, the API, /api/state, and meter time. */
class ProfileTwinTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private TwinConfig.Builder twin() {
        return TwinConfig.forTests(dir.resolve("state")).rtuTcp(null).saveInterval(Duration.ofDays(3650));
    }

    private static HttpResponse<String> call(Twin twin, String method, String path, String body) throws Exception {
        URI uri = URI.create(
                "http://127.0.0.1:" + twin.httpAddress().orElseThrow().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode state(Twin twin, int meter) throws Exception {
        return JSON.readTree(
                call(twin, "GET", "/api/meters/" + meter + "/state", null).body());
    }

    private static double currentL1(JsonNode state) {
        return state.get("registers").get("current-l1").get("value").doubleValue();
    }

    /** Polls meter 1's state until {@code condition} holds, for at most {@code timeout}. */
    private static JsonNode awaitState(Twin twin, String what, Predicate<JsonNode> condition, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = state(twin, 1);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        return fail(
                what + " within " + timeout + "; last state's profile " + (last == null ? null : last.get("profile"))
                        + ", current-l1 " + (last == null ? null : currentL1(last)));
    }

    /** 5 A for the first ten minutes of every 20, 15 A for the next ten. */
    private static Profile tenMinutesEach() {
        return new Profile(
                "ten",
                java.util.List.of(
                        new ProfilePoint(Duration.ZERO, ProfileSamples.amps(5)),
                        new ProfilePoint(Duration.ofMinutes(10), ProfileSamples.amps(15))),
                Duration.ofMinutes(20),
                false);
    }

    @Test
    void aTwinAtTimeScaleMovesWithItsProfileOnMeterTime() throws Exception {
        // at 600, ten minutes of meter time pass in a second
        try (Twin twin =
                Twin.start(twin().timeScale(600).profile(tenMinutesEach()).build())) {
            awaitState(twin, "the 15 A stretch", s -> currentL1(s) == 15.0, Duration.ofSeconds(20));
            JsonNode low =
                    awaitState(twin, "the 5 A stretch after it", s -> currentL1(s) == 5.0, Duration.ofSeconds(20));

            assertThat(low.get("profile").get("name").asText()).isEqualTo("ten");
            assertThat(low.get("profile").get("positionSeconds").asLong()).isBetween(0L, 599L);
        }
    }

    @Test
    void theApiSetsShowsAndClearsAMetersProfile() throws Exception {
        try (Twin twin = Twin.start(twin().meters(3).build())) {
            HttpResponse<String> set = call(twin, "PUT", "/api/meters/2/profile", "{\"profile\": \"pv\"}");

            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            JsonNode profile = state(twin, 2).get("profile");
            assertThat(profile.get("name").asText()).isEqualTo("pv");
            assertThat(profile.get("period").asText()).isEqualTo("1d");
            assertThat(profile.get("interpolate").asBoolean()).isTrue();
            assertThat(profile.get("position").asText()).matches("\\d\\d:\\d\\d:\\d\\d");
            assertThat(state(twin, 1).get("profile").isNull()).isTrue();

            HttpResponse<String> cleared = call(twin, "PUT", "/api/meters/2/profile", "{\"profile\": null}");

            assertThat(cleared.statusCode()).isEqualTo(200);
            assertThat(state(twin, 2).get("profile").isNull()).isTrue();
            assertThat(twin.meter(2).meter().schedule()).isEmpty();
        }
    }

    @Test
    void theApiTakesASeriesInlineAndTheMeterOneAlias() throws Exception {
        try (Twin twin = Twin.start(twin().build())) {
            String series = "{\"profile\": {\"period\": \"1h\", \"points\": [" + ProfileSamples.point("0", 7) + "]}}";

            HttpResponse<String> set = call(twin, "PUT", "/api/profile", series);

            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(JSON.readTree(set.body()).get("profile").get("name").asText())
                    .isEqualTo("inline");
            assertThat(currentL1(state(twin, 1))).isEqualTo(7.0);
        }
    }

    @Test
    void aLoadSetByHandReplacesTheProfile() throws Exception {
        try (Twin twin =
                Twin.start(twin().profile(Profiles.resolve("household")).build())) {
            assertThat(state(twin, 1).get("profile").get("name").asText()).isEqualTo("household");

            String load = "{\"frequency\": 50, \"phases\": [{\"voltage\": 230, \"current\": 3, \"powerFactor\": 1},"
                    + "{\"voltage\": 230, \"current\": 3, \"powerFactor\": 1},{\"voltage\": 230, \"current\": 3, \"powerFactor\": 1}]}";
            assertThat(call(twin, "PUT", "/api/load", load).statusCode()).isEqualTo(200);

            assertThat(state(twin, 1).get("profile").isNull()).isTrue();
            assertThat(currentL1(state(twin, 1))).isEqualTo(3.0);
        }
    }

    @Test
    void badProfileCallsAre400Or404AndChangeNothing() throws Exception {
        try (Twin twin = Twin.start(twin().meters(2).build())) {
            HttpResponse<String> unknown = call(twin, "PUT", "/api/meters/2/profile", "{\"profile\": \"windmill\"}");
            HttpResponse<String> badPoint = call(
                    twin, "PUT", "/api/meters/2/profile", "{\"profile\": [" + ProfileSamples.point("0", 120) + "]}");
            HttpResponse<String> missing = call(twin, "PUT", "/api/meters/2/profile", "{}");
            HttpResponse<String> noMeter = call(twin, "PUT", "/api/meters/9/profile", "{\"profile\": \"pv\"}");

            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body())
                    .contains("no built-in profile \\\"windmill\\\": they are household, pv, ev-charging");
            assertThat(badPoint.statusCode()).isEqualTo(400);
            assertThat(badPoint.body()).contains("profile: points[0]: phases[0]: current must be <= 100 A, got 120.0");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(noMeter.statusCode()).isEqualTo(404);
            assertThat(state(twin, 2).get("profile").isNull()).isTrue();
        }
    }

    @Test
    void everyMeterOfAFleetPlaysTheProfileAtItsOwnShift() throws Exception {
        try (Twin twin = Twin.start(
                twin().meters(3).profile(Profiles.resolve("household")).build())) {
            long[] shifts = new long[3];
            for (int k = 1; k <= 3; k++) {
                JsonNode profile = state(twin, k).get("profile");
                assertThat(profile.get("name").asText()).isEqualTo("household");
                shifts[k - 1] = profile.get("shiftSeconds").asLong();
            }

            assertThat(shifts[0]).isZero();
            assertThat(shifts[1]).isNotZero().isNotEqualTo(shifts[2]).isBetween(-3600L, 3600L);
            assertThat(shifts[2]).isNotZero().isBetween(-3600L, 3600L);
        }
    }

    @Test
    void theConfigFileGivesAProfileToAllOrToOneMeter() throws Exception {
        Files.writeString(dir.resolve("mine.csv"), ProfileSamples.HEADER + "\n" + ProfileSamples.row("0", "4") + "\n");
        Path file = Files.writeString(
                dir.resolve("site.json"), "{\"profile\": \"pv\", \"meters\": [{}, {\"profile\": \"mine.csv\"}]}");
        TwinConfig.Builder b = twin();
        ConfigFile.apply(file, b);

        try (Twin twin = Twin.start(b.build())) {
            assertThat(state(twin, 1).get("profile").get("name").asText()).isEqualTo("pv");
            assertThat(state(twin, 2).get("profile").get("name").asText()).isEqualTo("mine");
            assertThat(currentL1(state(twin, 2))).isEqualTo(4.0);
        }
    }

    @Test
    void aBadProfileInTheConfigFileIsOneLineAtItsField() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), ProfileSamples.HEADER + "\n" + ProfileSamples.row("0", "x") + "\n");
        Path file = Files.writeString(dir.resolve("site.json"), "{\n  \"profile\": \"bad.csv\"\n}");

        assertThatThrownBy(() -> ConfigFile.apply(file, twin()))
                .hasMessage(file + ":2:3: profile: " + dir.resolve("bad.csv")
                        + ":2: l1_current: expected a number, got 'x'");
    }
}
