package org.pro380.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.pro380.readings.Columns;

/**
 * Rows as CSV with the readings table's columns ({@code meter,time,active_power,tariff,
 * forward_active_energy,...}, docs/readings.md): time in ISO-8601 UTC, power in kW to the 0.1 W,
 * energy in kWh with six decimals (the meter's exact mWh). One part of an {@link Output}; the
 * first one begins with the header.
 */
final class CsvSink implements RowSink {

    static final String HEADER = "meter,time,"
            + String.join(",", SimulatedColumns.ALL.stream().map(Columns::name).toList());

    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
    private final long[] counters = new long[SimulatedColumns.COUNTERS];
    private final long[] columns = new long[SimulatedColumns.ALL.size()];
    private boolean closed;

    private CsvSink(Path path, boolean header) throws IOException {
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        if (header) {
            out.write(HEADER);
            out.newLine();
        }
    }

    /** A CSV file in parts, joined by appending the parts' bytes. */
    static final class Output extends SimulationOutput {

        Output(OutputFile file) {
            super(file);
        }

        @Override
        RowSink open(int index, Path path) throws IOException {
            return new CsvSink(path, index == 0);
        }

        @Override
        void join(Path first, List<Path> rest) throws IOException {
            try (FileChannel to = FileChannel.open(first, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (Path part : rest) {
                    try (FileChannel from = FileChannel.open(part, StandardOpenOption.READ)) {
                        long size = from.size();
                        for (long done = 0; done < size; ) {
                            done += from.transferTo(done, size - done, to);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void accept(Row row) throws IOException {
        line.setLength(0);
        line.append(row.meter()).append(',').append(row.time());
        SimulatedColumns.energyInto(row.counters(), counters, columns);
        for (int column = 0; column < columns.length; column++) {
            line.append(',');
            if (column == SimulatedColumns.POWER) {
                tenThousandths(Math.round(row.powerWatts() * 10));
            } else if (column == SimulatedColumns.TARIFF) {
                line.append(row.tariff().number());
            } else {
                millionths(columns[column]);
            }
        }
        out.append(line).append('\n');
    }

    /** kWh from mWh (kvarh from mvarh), six decimals. */
    private void millionths(long milli) {
        line.append(milli / 1_000_000).append('.');
        digits(milli % 1_000_000, 100_000);
    }

    /** kW from tenths of a watt, four decimals. */
    private void tenThousandths(long tenths) {
        if (tenths < 0) {
            line.append('-');
            tenths = -tenths;
        }
        line.append(tenths / 10_000).append('.');
        digits(tenths % 10_000, 1_000);
    }

    private void digits(long value, long first) {
        for (long place = first; place > 0; place /= 10) {
            line.append((char) ('0' + value / place % 10));
        }
    }

    @Override
    public void finish() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
