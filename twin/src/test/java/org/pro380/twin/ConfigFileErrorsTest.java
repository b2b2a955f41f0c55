package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config error is one line: file, line:column, field, what is expected; no library internals. */
class ConfigFileErrorsTest {

    @TempDir
    Path dir;

    private String errorOf(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("twin.json"), json);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> ConfigFile.apply(file, TwinConfig.builder(dir.resolve("state"))));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        String message = thrown.getMessage();
        assertThat(message)
                .doesNotContain("\n")
                .doesNotContain("$")
                .doesNotContain("com.fasterxml")
                .doesNotContain("REDACTED")
                .doesNotContain("ignorable")
                .doesNotContain("org.pro380");
        return message.substring(message.indexOf("twin.json"));
    }

    @Test
    void anUnknownFieldNamesItsPlaceAndTheFieldsThatExist() throws Exception {
        assertThat(errorOf("{\n  \"settings\": {\n    \"unitID\": 7\n  }\n}"))
                .startsWith("twin.json:3:5: settings.unitID: unknown field; expected one of backlight, baud, ")
                .contains("unitId");
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatIsExpected() throws Exception {
        assertThat(errorOf("{\"settings\": {\"unitId\": \"seven\"}}"))
                .isEqualTo("twin.json:1:15: settings.unitId: expected an integer");
        assertThat(errorOf("{\"wireTiming\": 3}")).isEqualTo("twin.json:1:2: wireTiming: expected true or false");
    }

    @Test
    void nullIsNotAValue() throws Exception {
        assertThat(errorOf("{\"timeScale\": null}"))
                .isEqualTo("twin.json:1:15: timeScale: null is not a value; leave the field out for its default");
    }

    @Test
    void aFieldGivenTwiceIsRefused() throws Exception {
        assertThat(errorOf("{\"timeScale\": 2,\n \"timeScale\": 3}"))
                .isEqualTo("twin.json:2:13: timeScale: given twice");
    }

    @Test
    void aSaveIntervalBeyondTenYearsIsRefusedBeforeTheTwinStarts() throws Exception {
        assertThat(errorOf("{\n\"saveIntervalMillis\": 9223372036854775807}"))
                .isEqualTo("twin.json:2:1: saveIntervalMillis: save interval must be > 0 and at most 3650 days, "
                        + "got 9223372036854775807 ms");
    }

    @Test
    void aValueTheTwinRefusesIsReportedAtItsField() throws Exception {
        assertThat(errorOf("{\"timeScale\": 0}")).startsWith("twin.json:1:2: timeScale: time scale must be > 0");
        assertThat(errorOf("{\"tcp\": \"localhost\"}"))
                .startsWith("twin.json:1:2: tcp: ")
                .contains("HOST:PORT");
        assertThat(errorOf("{\"settings\": {\"baud\": 19200}}"))
                .startsWith("twin.json:1:2: settings: ")
                .contains("got 19200");
    }

    @Test
    void brokenJsonSaysWhere() throws Exception {
        assertThat(errorOf("{\"timeScale\": 2,,}")).startsWith("twin.json:1:17: not valid JSON: ");
        assertThat(errorOf("{} {}")).startsWith("twin.json:1:4: not valid JSON: ");
    }

    @Test
    void aNonObjectRootSaysAnObjectIsExpected() throws Exception {
        assertThat(errorOf("[1]")).startsWith("twin.json:1:1: expected an object");
    }

    @Test
    void aMeterOfTheListIsNamedInItsError() throws Exception {
        assertThat(errorOf("{\"meters\": [{}, {\"settings\": {\"baud\": 19200}}]}"))
                .startsWith("twin.json:1:2: meters: meter 2: ")
                .contains("got 19200");
        assertThat(errorOf("{\"meters\": [{\"colour\": \"red\"}]}"))
                .startsWith("twin.json:1:2: meters: meter 1: colour: unknown field");
        assertThat(errorOf("{\"meters\": \"many\"}")).startsWith("twin.json:1:2: meters: expected a number of meters");
    }
}
