package org.pro380.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.profile.testing.ProfileSamples.HEADER;
import static org.pro380.profile.testing.ProfileSamples.row;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileCsvTest {

    private static Profile parse(String text) {
        return ProfileCsv.parse("test", "test.csv", text);
    }

    @Test
    void readsOffsetsInSecondsOrTimesOfDay() {
        Profile p = parse(HEADER + "\n" + row("0", "1") + "\n" + row("06:30", "2") + "\n" + row("43200", "3") + "\n");

        assertThat(p.points())
                .extracting(ProfilePoint::offset)
                .containsExactly(Duration.ZERO, Duration.ofMinutes(390), Duration.ofHours(12));
        assertThat(p.points().get(1).load().phases().get(2).current()).isEqualTo(2.0);
        assertThat(p.period()).isEqualTo(Duration.ofDays(1));
        assertThat(p.interpolate()).isFalse();
        assertThat(p.points().get(0).load().frequency()).isEqualTo(50.0);
    }

    @Test
    void readsTheDirectivesExportCapacitiveAndTheOptionalFrequency() {
        Profile p = parse("# a comment\n# period: 7d\n# interpolate: true\n" + HEADER + ",frequency\n"
                + "0,230,5,0.9,true,false,231,6,0.8,false,true,232,7,1,1,0,49.9\n");

        assertThat(p.period()).isEqualTo(Duration.ofDays(7));
        assertThat(p.interpolate()).isTrue();
        var load = p.points().get(0).load();
        assertThat(load.frequency()).isEqualTo(49.9);
        assertThat(load.phases().get(0).export()).isTrue();
        assertThat(load.phases().get(1).capacitive()).isTrue();
        assertThat(load.phases().get(2).export()).isTrue();
        assertThat(load.phases().get(1).voltage()).isEqualTo(231.0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0,230,x,1,false,false,230,1,1,false,false,230,1,1,false,false | test.csv:3: l1_current: expected a number, got 'x'",
                "0,230,1,1,false,false,230,120,1,false,false,230,1,1,false,false | test.csv:3: l2: current must be <= 100 A, got 120.0",
                "0,230,1,1,false,false,230,1,1,maybe,false,230,1,1,false,false | test.csv:3: l2_export: expected true or false, got 'maybe'",
                "0,230,1,1,false,false,230,1 | test.csv:3: expected 16 values, got 8",
                "25:00,230,1,1,false,false,230,1,1,false,false,230,1,1,false,false | test.csv:3: offset must be seconds (3600) or a time of day (06:30), got '25:00'",
                "86400,230,1,1,false,false,230,1,1,false,false,230,1,1,false,false | test.csv:3: offset 86400 s is outside the period of 86400 s",
                "00:00,230,1,1,false,false,230,1,1,false,false,230,1,1,false,false | test.csv:3: offset 0 s does not come after the point before it (3600 s)",
            })
    void aBadRowIsNamedByFileAndLine(String badRow, String message) {
        String text = HEADER + "\n" + row("01:00", "1") + "\n" + badRow + "\n" + row("23:00", "1") + "\n";

        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aWrongHeaderSaysWhatIsExpected() {
        assertThatThrownBy(() -> parse("time,v1,i1\n" + row("0", "1")))
                .hasMessageStartingWith("test.csv:1: expected the header offset,l1_voltage,")
                .hasMessageEndingWith("[,frequency], got 'time,v1,i1'");
    }

    @Test
    void aFileWithoutPointsIsRefused() {
        assertThatThrownBy(() -> parse("# nothing\n" + HEADER + "\n")).hasMessageStartingWith("test.csv: no points");
    }

    @Test
    void aBadPeriodIsNamedByLine() {
        assertThatThrownBy(() -> parse("# period: a week\n" + HEADER + "\n" + row("0", "1")))
                .hasMessage("test.csv:1: expected a span like 30s, 15m, 24h or 7d, got ' a week'");
    }
}
