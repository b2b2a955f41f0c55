package org.pro380.simulate;

import java.io.IOException;

/** Where a simulation's rows go: a CSV file, an SQLite database, or (for the benchmark) nowhere. */
public interface RowSink extends AutoCloseable {

    void accept(Row row) throws IOException;

    /** Everything written is complete: the sink may make it visible. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;
}
