package org.pro380.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.profile.testing.ProfileSamples.point;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileJsonTest {

    @Test
    void readsABareListOfLoadsWithAt() {
        Profile p = ProfileJson.parse("mine", "mine.json", "[" + point("0", 1) + ",\n" + point("\"12:00\"", 2) + "]");

        assertThat(p.name()).isEqualTo("mine");
        assertThat(p.points()).extracting(ProfilePoint::offset).containsExactly(Duration.ZERO, Duration.ofHours(12));
        assertThat(p.points().get(1).load().phases().get(1).export()).isTrue();
        assertThat(p.interpolate()).isFalse();
    }

    @Test
    void readsPeriodAndInterpolate() {
        Profile p = ProfileJson.parse(
                "mine",
                "mine.json",
                "{\"period\": \"2h\", \"interpolate\": true, \"points\": [" + point("0", 1) + "," + point("3600", 2)
                        + "]}");

        assertThat(p.period()).isEqualTo(Duration.ofHours(2));
        assertThat(p.interpolate()).isTrue();
    }

    @Test
    void aBadPointIsNamedByFileAndLine() {
        String text = "{\"points\": [\n" + point("0", 1) + ",\n" + point("60", 101) + "\n]}";

        assertThatThrownBy(() -> ProfileJson.parse("mine", "mine.json", text))
                .hasMessage("mine.json:3: phases[0]: current must be <= 100 A, got 101.0");
    }

    @Test
    void aPointWithoutAtIsRefused() {
        assertThatThrownBy(() -> ProfileJson.parse(
                        "mine", "mine.json", "[\n" + point("0", 1).replace("\"at\": 0,", "") + "]"))
                .hasMessage("mine.json:2: at: expected seconds (3600) or a time of day (\"06:30\")");
    }

    @Test
    void brokenJsonIsNamedByLine() {
        assertThatThrownBy(() -> ProfileJson.parse("mine", "mine.json", "[\n" + point("0", 1) + ",\n]"))
                .hasMessageStartingWith("mine.json:3: not valid JSON: ");
    }

    @Test
    void anInlineSeriesNamesThePointByIndex() throws Exception {
        var json = new ObjectMapper().readTree("{\"points\": [" + point("60", 1) + "," + point("30", 1) + "]}");

        assertThatThrownBy(() -> ProfileJson.read("inline", json))
                .hasMessage("points[1]: offset 30 s does not come after the point before it (60 s)");
    }

    @Test
    void unknownFieldsAreRefused() throws Exception {
        var json = new ObjectMapper().readTree("{\"loop\": true, \"points\": [" + point("0", 1) + "]}");

        assertThatThrownBy(() -> ProfileJson.read("inline", json))
                .hasMessage("loop: unknown field; expected interpolate, name, period, points");
    }
}
