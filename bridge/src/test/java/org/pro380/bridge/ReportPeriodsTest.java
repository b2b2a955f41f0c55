package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPeriodsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<String> periods(String from, String to, Report.By by) {
        return Report.periods(Instant.parse(from), Instant.parse(to), by, BERLIN).stream()
                .map(p -> Arrays.toString(p))
                .toList();
    }

    @Test
    void daysAreLocalCalendarDaysAndTheEndsAreCutToTheRange() {
        // 2026-03-29 is the day Berlin goes to summer time: 23 hours long
        assertThat(periods("2026-03-28T12:00:00Z", "2026-03-30T06:00:00Z", Report.By.DAY))
                .containsExactly(
                        "[2026-03-28T12:00:00Z, 2026-03-28T23:00:00Z]",
                        "[2026-03-28T23:00:00Z, 2026-03-29T22:00:00Z]",
                        "[2026-03-29T22:00:00Z, 2026-03-30T06:00:00Z]");
    }

    @Test
    void monthsAreLocalCalendarMonths() {
        assertThat(periods("2025-12-31T23:00:00Z", "2026-03-01T00:00:00Z", Report.By.MONTH))
                .containsExactly(
                        "[2025-12-31T23:00:00Z, 2026-01-31T23:00:00Z]",
                        "[2026-01-31T23:00:00Z, 2026-02-28T23:00:00Z]",
                        "[2026-02-28T23:00:00Z, 2026-03-01T00:00:00Z]");
        assertThat(periods("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", Report.By.ALL))
                .containsExactly("[2026-01-05T00:00:00Z, 2026-01-06T00:00:00Z]");
    }
}
