package org.pro380.app.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Rows as CSV: {@code meter,time,tariff,power_w,import_wh,export_wh,l1_import_t1_wh,...,l3_export_t3_wh},
 * time in ISO-8601 UTC, energy in Wh with three decimals (the meter's exact mWh). One part of a
 * {@link Output}; the first one begins with the header.
 */
final class CsvSink implements RowSink {

    static final String HEADER = "meter,time,tariff,power_w,import_wh,export_wh," + String.join(",", Counters.COLUMNS);

    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
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
        line.append(row.meter()).append(',').append(row.time()).append(',').append(row.tariff().number()).append(',');
        line.append(Math.round(row.powerWatts() * 10) / 10.0).append(',');
        wh(row.importMilli()).append(',');
        wh(row.exportMilli());
        for (int column = 0; column < Counters.COUNT; column++) {
            line.append(',');
            wh(row.milli(column));
        }
        out.append(line).append('\n');
    }

    private StringBuilder wh(long milli) {
        return line.append(milli / 1000).append('.').append((char) ('0' + milli / 100 % 10))
                .append((char) ('0' + milli / 10 % 10)).append((char) ('0' + milli % 10));
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
