package org.pro380.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pro380.meter.TariffInput;

class TariffScheduleTest {

    private final TariffSchedule weekdayNights = TariffSchedule.parse("T2=Mon-Fri 22:00-06:00; T3=Sat,Sun 00:00-24:00");

    private TariffInput at(String time) {
        return weekdayNights.inputAt(Instant.parse(time));
    }

    @Test
    void aSpanPastMidnightBelongsToTheDayItStarts() {
        assertThat(at("2026-11-30T23:00:00Z")).as("Monday 23:00").isEqualTo(TariffInput.T2);
        assertThat(at("2026-12-01T05:59:59Z")).as("Tuesday 05:59").isEqualTo(TariffInput.T2);
        assertThat(at("2026-12-01T06:00:00Z")).as("Tuesday 06:00").isEqualTo(TariffInput.NONE);
        assertThat(at("2026-11-30T03:00:00Z"))
                .as("Monday 03:00, Sunday's span is T3 until midnight")
                .isEqualTo(TariffInput.NONE);
        assertThat(at("2026-11-28T03:00:00Z"))
                .as("Saturday 03:00, Friday night first")
                .isEqualTo(TariffInput.T2);
        assertThat(at("2026-11-28T12:00:00Z")).as("Saturday noon").isEqualTo(TariffInput.T3);
    }

    @Test
    void theNextChangeIsWhereTheInputDiffers() {
        assertThat(weekdayNights.nextChangeAfter(Instant.parse("2026-12-01T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
        assertThat(weekdayNights.nextChangeAfter(Instant.parse("2026-12-01T22:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        assertThat(weekdayNights.nextChangeAfter(Instant.parse("2026-11-27T23:00:00Z")))
                .as("Friday night into Saturday")
                .isEqualTo(Instant.parse("2026-11-28T06:00:00Z"));
    }

    @Test
    void badRulesAreRefused() {
        assertThatThrownBy(() -> TariffSchedule.parse("T2=Someday 22:00-06:00"))
                .hasMessage("--tariff-schedule: 'someday' is not a day; use Mon, Tue, ... Sun");
        assertThatThrownBy(() -> TariffSchedule.parse("T2=Mon 25:00-06:00"))
                .hasMessage("--tariff-schedule: '25:00' is not a time of day");
        assertThatThrownBy(() -> TariffSchedule.parse(" ; ")).hasMessage("--tariff-schedule: no rules given");
    }
}
