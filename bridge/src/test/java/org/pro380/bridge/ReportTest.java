package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.ReadingSink.GapCause;
import org.pro380.registers.Registers;

/** Report over made-up readings: across downsampled and whole rows, with gaps and a partial first period. */
class ReportTest {
    private static final Instant NOW = Instant.parse("2026-06-10T00:00:00Z");
    private static final BridgeMeter METER = new BridgeMeter("house", 1, "main");

    @TempDir
    Path dir;

    @Test
    void energyIsTheCounterDifferenceAcrossDownsampledAndWholeRowsWithGapsCounted() throws Exception {
        Path file = dir.resolve("b.db");
        Instant day1 = Instant.parse("2026-06-01T00:00:00Z");
        try (SqliteStore store = SqliteStore.open(file, Duration.ofDays(5), Clock.fixed(NOW, ZoneOffset.UTC))) {
            store.reading(METER, Snapshots.of(day1.plusSeconds(3600), 100.0)); // downsampled below
            store.reading(METER, Snapshots.of(day1.plusSeconds(23 * 3600), 110.5)); // downsampled below
            store.gap(METER, day1.plus(Duration.ofDays(1)).plusSeconds(60), GapCause.NO_REPLY, "silent");
            store.reading(METER, Snapshots.of(day1.plus(Duration.ofDays(8)), 130.25));
            store.gap(METER, day1.plus(Duration.ofDays(8)).plusSeconds(60), GapCause.CRC_ERROR, "crc");
            store.reading(METER, Snapshots.of(day1.plus(Duration.ofDays(8)).plusSeconds(3600), 131.0));
            store.maintain(NOW);
        }
        List<Report.Row> rows = Report.of(file, day1, NOW, Report.By.ALL, ZoneOffset.UTC);
        Report.Row importAll = rows.stream()
                .filter(r -> r.counter().equals(Registers.FORWARD_ACTIVE_ENERGY))
                .findFirst()
                .orElseThrow();
        assertThat(importAll.energy()).contains(31.0);
        assertThat(importAll.partial()).as("nothing read at the start").isTrue();
        assertThat(importAll.gaps())
                .as("the gap of day 2 went with the downsampling")
                .isEqualTo(1);

        List<Report.Row> byDay =
                Report.of(file, day1, day1.plus(Duration.ofDays(9)), Report.By.DAY, ZoneOffset.UTC).stream()
                        .filter(r -> r.counter().equals(Registers.REVERSE_REACTIVE_ENERGY_T2))
                        .toList();
        assertThat(byDay)
                .extracting(Report.Row::energy)
                .containsExactly(
                        Optional.of(10.5),
                        Optional.of(0.0),
                        Optional.of(0.0),
                        Optional.of(0.0),
                        Optional.of(0.0),
                        Optional.of(0.0),
                        Optional.of(0.0),
                        Optional.of(19.75),
                        Optional.of(0.75));
        // a reading at midnight closes the day before: 130.25 - 110.5, then 131 - 130.25
        assertThat(byDay)
                .extracting(Report.Row::partial)
                .containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(byDay.get(8).gaps()).isEqualTo(1);
    }
}
