package org.pro380.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.pro380.meter.Load;
import org.pro380.meter.Measurements;

/** Every built-in profile loads, and each looks like the site it stands for. */
class BuiltInProfilesTest {

    static final java.util.List<String> NAMES = Profiles.BUILT_IN;

    private static Load at(String name, String timeOfDay) {
        return Profiles.resolve(name).loadAt(LocalTime.parse(timeOfDay).toSecondOfDay() * 1000L);
    }

    private static double kw(Load load) {
        return Measurements.of(load).activePower();
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void loads(String name) {
        Profile p = Profiles.resolve(name);

        assertThat(p.name()).isEqualTo(name);
        assertThat(p.points()).hasSizeGreaterThan(5);
    }

    @Test
    void pvExportsAtNoonAndImportsAtNight() {
        assertThat(kw(at("pv", "12:00"))).isLessThan(-3);
        assertThat(kw(at("pv", "02:00"))).isBetween(0.05, 1.0);
        assertThat(kw(at("pv", "13:30"))).as("the cloudy dip").isGreaterThan(kw(at("pv", "12:00")));
        assertThat(Profiles.resolve("pv").interpolate()).isTrue();
    }

    @Test
    void evChargingStepsDownFromSixteenToSixAmpsAndEnds() {
        assertThat(at("ev-charging", "19:00").phases())
                .allSatisfy(p -> assertThat(p.current()).isBetween(15.9, 16.1));
        assertThat(at("ev-charging", "21:40").phases())
                .allSatisfy(p -> assertThat(p.current()).isBetween(5.9, 6.1));
        assertThat(at("ev-charging", "23:00").phases())
                .allSatisfy(p -> assertThat(p.current()).isLessThan(0.1));
    }

    @Test
    void householdPeaksInTheEvening() {
        assertThat(kw(at("household", "19:00"))).isGreaterThan(2);
        assertThat(kw(at("household", "03:00"))).isLessThan(0.5);
    }

    @Test
    void officeWorksOnWeekdaysOnly() {
        Profile office = Profiles.resolve("office");
        long tuesdayTen = Duration.ofDays(1).plusHours(10).toMillis();
        long saturdayTen = Duration.ofDays(5).plusHours(10).toMillis();

        assertThat(office.period()).isEqualTo(Duration.ofDays(7));
        assertThat(kw(office.loadAt(tuesdayTen))).isGreaterThan(3 * kw(office.loadAt(saturdayTen)));
    }

    @Test
    void heatPumpCycles() {
        Profile p = Profiles.resolve("heat-pump");
        long on = p.points().stream().filter(pt -> kw(pt.load()) > 1).count();

        assertThat(on).isGreaterThan(10);
        assertThat(p.points().stream().filter(pt -> kw(pt.load()) < 0.1).count())
                .isGreaterThan(10);
    }

    @Test
    void anUnknownNameSaysWhichOnesThereAre() {
        assertThatThrownBy(() -> Profiles.resolve("windmill"))
                .hasMessage(
                        "no profile 'windmill': the built-in ones are household, pv, ev-charging, heat-pump, office;"
                                + " else give a .csv or .json file");
        assertThatThrownBy(() -> Profiles.resolve("missing.csv")).hasMessage("missing.csv: no such file");
    }
}
