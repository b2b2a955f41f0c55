package org.pro380.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.profile.Profiles;
import org.pro380.readings.Columns;
import org.pro380.readings.Schema;

/**
 * A fleet written in parts, a thread each, joins into the file one part would have written:
 * the same rows in the same order, whatever the number of processors.
 */
class SimulationOutputTest {

    @TempDir
    Path dir;

    private final Simulation fleet = new Simulation(
            Profiles.resolve("household"),
            7,
            Instant.parse("2026-03-01T00:00:00Z"),
            Duration.ofDays(2),
            Duration.ofMinutes(30),
            TariffSchedule.parse("T2=Mon-Fri 22:00-06:00"),
            380);

    private void write(SimulationOutput output, int parts) throws IOException {
        try (output) {
            fleet.run(output.parts(parts), k -> Simulation.NO_WATCHER);
            output.finish();
        }
    }

    @Test
    void csvInPartsIsTheFileOfOnePart() throws Exception {
        Path one = dir.resolve("one.csv");
        Path three = dir.resolve("three.csv");

        write(new CsvSink.Output(OutputFile.at(one)), 1);
        write(new CsvSink.Output(OutputFile.at(three)), 3);

        assertThat(Files.readAllLines(one)).hasSize(1 + 7 * 96);
        assertThat(Files.readString(three)).isEqualTo(Files.readString(one));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted()).containsExactly("one.csv", "three.csv");
        }
    }

    @Test
    void sqliteInPartsHoldsTheRowsOfOnePartInTheirOrder() throws Exception {
        Path one = dir.resolve("one.sqlite");
        Path three = dir.resolve("three.sqlite");

        write(sqlite(one), 1);
        write(sqlite(three), 3);

        List<List<Object>> rows = rows(one);
        assertThat(rows).hasSize(7 * 96);
        assertThat(rows(three)).isEqualTo(rows);
        assertThat(rows.get(0).get(0)).isEqualTo(1);
        assertThat(rows.get(rows.size() - 1).get(0)).isEqualTo(7);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("one.sqlite", "three.sqlite");
        }
    }

    @Test
    void sqliteTotalsAreTheSumsOfTheCountersToTheMilliwattHour() throws Exception {
        Path csv = dir.resolve("totals.csv");
        Path sqlite = dir.resolve("totals.sqlite");
        write(new CsvSink.Output(OutputFile.at(csv)), 1);
        write(sqlite(sqlite), 2);

        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        List<List<Object>> rows = rows(sqlite);
        assertThat(rows).hasSize(lines.size() - 1);
        for (int i = 0; i < rows.size(); i++) {
            String[] fields = lines.get(i + 1).split(",");
            for (int c = 0; c < SimulatedColumns.ALL.size(); c++) {
                if (c == SimulatedColumns.POWER || c == SimulatedColumns.TARIFF) {
                    continue;
                }
                // CSV writes the exact mWh counters as kWh with six decimals; SQLite the nearest double
                Object stored = rows.get(i).get(Columns.STORED.indexOf(SimulatedColumns.ALL.get(c)) + 4);
                assertThat(stored)
                        .as("%s of row %d", header.get(c + 2), i)
                        .isEqualTo(Long.parseLong(fields[c + 2].replace(".", "")) / 1e6);
            }
        }
    }

    @Test
    void theDatabaseHasTheMetersAndTheBridgesSchema() throws Exception {
        Path sqlite = dir.resolve("schema.sqlite");
        write(sqlite(sqlite), 2);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
            ResultSet meters =
                    c.createStatement().executeQuery("SELECT id, line, unit_id, name FROM meter ORDER BY id");
            for (int k = 1; k <= 7; k++) {
                assertThat(meters.next()).isTrue();
                assertThat(List.of(meters.getInt(1), meters.getString(2), meters.getInt(3), meters.getString(4)))
                        .containsExactly(k, "simulate", k, "household " + k);
            }
            assertThat(c.createStatement().executeQuery("PRAGMA user_version").getInt(1))
                    .isEqualTo(Schema.VERSION);
            assertThat(definition(c)).as("the parts' narrow table completed").isEqualTo(bridgesDefinition());
            ResultSet first =
                    c.createStatement().executeQuery("SELECT time, gap, tariff, active_power FROM reading LIMIT 1");
            assertThat(first.getLong(1))
                    .isEqualTo(Instant.parse("2026-03-01T00:30:00Z").toEpochMilli());
            assertThat(first.getObject(2)).isNull();
            assertThat(first.getInt(3)).isEqualTo(1); // a Sunday: T2 only from Monday 22:00
            assertThat(first.getDouble(4)).isGreaterThan(0).isLessThan(30);
        }
    }

    @Test
    void aPartThatFailsStopsTheRunAndLeavesNoFile() throws Exception {
        Path out = dir.resolve("broken.csv");
        CsvSink.Output csv = new CsvSink.Output(OutputFile.at(out));
        SimulationOutput failing = new SimulationOutput(OutputFile.at(out)) {
            @Override
            RowSink open(int index, Path path) throws IOException {
                RowSink part = csv.open(index, path);
                return index != 1
                        ? part
                        : new RowSink() {
                            private int rows;

                            @Override
                            public void accept(Row row) throws IOException {
                                if (++rows == 50) {
                                    throw new IOException("No space left on device");
                                }
                                part.accept(row);
                            }

                            @Override
                            public void finish() throws IOException {
                                part.finish();
                            }

                            @Override
                            public void close() throws IOException {
                                part.close();
                            }
                        };
            }

            @Override
            void join(Path first, List<Path> rest) throws IOException {
                csv.join(first, rest);
            }
        };

        assertThatThrownBy(() -> write(failing, 3))
                .isInstanceOf(IOException.class)
                .hasMessage("No space left on device");

        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    private static String definition(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT sql FROM sqlite_master WHERE name = 'reading'")) {
            return rs.getString(1);
        }
    }

    private String bridgesDefinition() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bridge.db"))) {
            Schema.create(c);
            return definition(c);
        }
    }

    private static SimulationOutput sqlite(Path file) {
        return new SqliteSink.Output(
                OutputFile.at(file),
                Map.of("meters", "7"),
                List.of(
                        "household 1",
                        "household 2",
                        "household 3",
                        "household 4",
                        "household 5",
                        "household 6",
                        "household 7"));
    }

    /** Every row of readings in rowid order, every column. */
    private static List<List<Object>> rows(Path db) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet r = c.createStatement().executeQuery("SELECT * FROM reading ORDER BY rowid")) {
            ResultSetMetaData columns = r.getMetaData();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
