package org.pro380.simulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulation's output file, written in parts, one per thread with a contiguous range of meters
 * each (see {@link Simulation#run(List, java.util.function.IntFunction)}), and joined in meter
 * order when all are complete. Part 0 is written where the whole file is made ({@link
 * OutputFile#partial()}), the others beside it; nothing takes the file's name before the join.
 */
public abstract class SimulationOutput implements AutoCloseable {

    private final OutputFile file;
    private final List<RowSink> parts = new ArrayList<>();
    private boolean finished;

    SimulationOutput(OutputFile file) {
        this.file = file;
    }

    /**
     * The output for {@code out}: CSV, or the readings database for .sqlite and .db; {@code about}
     * describes the simulation, {@code meters} names its meters, meter 1 first (the database keeps both).
     */
    public static SimulationOutput of(Path out, Map<String, String> about, List<String> meters) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new CsvSink.Output(OutputFile.at(out));
        }
        if (name.endsWith(".sqlite") || name.endsWith(".db")) {
            return new SqliteSink.Output(OutputFile.at(out), about, meters);
        }
        throw new IllegalArgumentException("--out must end in .csv, .sqlite or .db, got " + out);
    }

    /** Opens part {@code index} at {@code path}: part 0 is the file's beginning (a header, a description). */
    abstract RowSink open(int index, Path path) throws IOException;

    /** Appends the complete parts after the first one, which holds the rest, in order. */
    abstract void join(Path first, List<Path> rest) throws IOException;

    /** Opens {@code count} parts; on failure what was opened is removed. */
    public final List<RowSink> parts(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Path path = path(i);
            Files.deleteIfExists(path); // a part left by a run that was killed
            parts.add(open(i, path));
        }
        return List.copyOf(parts);
    }

    /** Finishes every part, joins them and gives the file its name. */
    public final void finish() throws IOException {
        for (RowSink part : parts) {
            part.finish();
        }
        List<Path> rest = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            rest.add(path(i));
        }
        join(file.partial(), rest);
        for (Path part : rest) {
            Files.delete(part);
        }
        file.complete();
        finished = true;
    }

    /** Removes every part of an output that did not finish. */
    @Override
    public final void close() throws IOException {
        if (finished) {
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).close();
            if (i > 0) {
                Files.deleteIfExists(path(i));
            }
        }
        file.abandon();
    }

    final OutputFile file() {
        return file;
    }

    private Path path(int index) {
        return index == 0
                ? file.partial()
                : file.partial().resolveSibling(file.partial().getFileName().toString() + index);
    }
}
