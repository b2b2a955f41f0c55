package org.pro380.app.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Rows as CSV: {@code meter,time,tariff,power_w,import_wh,export_wh,l1_import_t1_wh,...,l3_export_t3_wh},
 * time in ISO-8601 UTC, energy in Wh with three decimals (the meter's exact mWh).
 */
final class CsvSink implements RowSink {

    static final String HEADER = "meter,time,tariff,power_w,import_wh,export_wh," + String.join(",", Counters.COLUMNS);

    private final OutputFile file;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
    private boolean finished;

    CsvSink(OutputFile file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file.partial(), StandardCharsets.UTF_8);
        out.write(HEADER);
        out.newLine();
    }

    @Override
    public void accept(Row row) throws IOException {
        line.setLength(0);
        line.append(row.meter()).append(',').append(row.time()).append(',').append(row.tariff().number()).append(',');
        line.append(Math.round(row.powerWatts() * 10) / 10.0).append(',');
        wh(row.importMilli()).append(',');
        wh(row.exportMilli());
        for (long m : row.milli()) {
            line.append(',');
            wh(m);
        }
        out.append(line).append('\n');
    }

    private StringBuilder wh(long milli) {
        return line.append(milli / 1000).append('.').append((char) ('0' + milli / 100 % 10))
                .append((char) ('0' + milli / 10 % 10)).append((char) ('0' + milli % 10));
    }

    @Override
    public void finish() throws IOException {
        out.close();
        file.complete();
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            out.close();
            file.abandon();
        }
    }
}
