package org.pro380.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FleetProfilesTest {

    private final Profile household = Profiles.resolve("household");

    @Test
    void meterOnePlaysTheProfileAsItIs() {
        assertThat(FleetProfiles.schedule(household, 1, 380)).isEqualTo(ProfileSchedule.of(household));
    }

    @Test
    void theSameSeedGivesTheSameShiftsAndLoads() {
        assertThat(FleetProfiles.schedule(household, 7, 380)).isEqualTo(FleetProfiles.schedule(household, 7, 380));
        assertThat(FleetProfiles.shift(household, 7, 381)).isNotEqualTo(FleetProfiles.shift(household, 7, 380));
    }

    @Test
    void everyMeterButTheFirstHasItsOwnVariedLoads() {
        java.time.Instant noon = java.time.Instant.parse("2026-06-01T12:00:00Z");
        ProfileSchedule first = FleetProfiles.schedule(household, 1, 380);
        ProfileSchedule seventh = FleetProfiles.schedule(household, 7, 380);
        ProfileSchedule seventhUnshifted = new ProfileSchedule(household, Duration.ZERO, 7, 380);

        assertThat(first.loadAt(noon)).isEqualTo(household.loadAt(first.position(noon)));
        assertThat(seventhUnshifted.loadAt(noon)).isNotEqualTo(first.loadAt(noon));
        assertThat(seventhUnshifted.loadAt(noon).phases().get(0).current())
                .isCloseTo(
                        first.loadAt(noon).phases().get(0).current(),
                        org.assertj.core.api.Assertions.withinPercentage(20));
        assertThat(seventh.loadAt(noon))
                .isEqualTo(FleetProfiles.schedule(household, 7, 380).loadAt(noon));
    }

    @Test
    void aFleetIsNotInLockstepButStaysWithinAnHour() {
        List<Duration> shifts = LongStream.rangeClosed(2, 101)
                .mapToObj(k -> FleetProfiles.shift(household, k, 380))
                .toList();

        assertThat(shifts).allSatisfy(s -> assertThat(s.abs()).isLessThanOrEqualTo(Duration.ofHours(1)));
        assertThat(shifts.stream().distinct().count()).isGreaterThan(90);
        assertThat(shifts)
                .anySatisfy(s -> assertThat(s).isNegative())
                .anySatisfy(s -> assertThat(s).isPositive());
    }

    @Test
    void aShortPeriodShiftsByAtMostHalfOfIt() {
        Profile short1 = new Profile("s", household.points().subList(0, 1), Duration.ofMinutes(10), false);

        assertThat(LongStream.rangeClosed(2, 50).mapToObj(k -> FleetProfiles.shift(short1, k, 380)))
                .allSatisfy(s -> assertThat(s.abs()).isLessThanOrEqualTo(Duration.ofMinutes(5)));
    }
}
