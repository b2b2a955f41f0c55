package org.pro380.app.client;

import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.pro380.client.BusScan;

/**
 * A one-line progress bar with ETA on stderr, redrawn in place; silent when not on a terminal.
 * The ETA is the ids left times the measured time per id asked: the read at unit 0 (answered at
 * once by a lone meter) and the ids skipped after it would make it far too low.
 */
final class ProgressBar implements BusScan.Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private long lastStepAt;
    private int lastDone = -1;
    private int lastUnit = -1;
    private long idNanos;
    private int idsTimed;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean terminal) {
        this(err, terminal, System::nanoTime);
    }

    ProgressBar(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    @Override
    public void step(int done, int total, int unitId, String trying) {
        long now = nanoTime.getAsLong();
        if (lastUnit > 0 && done == lastDone + 1) {
            idNanos += now - lastStepAt;
            idsTimed++;
        }
        lastStepAt = now;
        lastDone = done;
        lastUnit = unitId;
        if (!terminal) {
            return;
        }
        err.print("\r" + render(done, total, trying, nanosPerId()) + "\u001b[K");
        err.flush();
        drawn = true;
    }

    /** The mean time an id took to ask, once one has been timed. */
    OptionalLong nanosPerId() {
        return idsTimed == 0 ? OptionalLong.empty() : OptionalLong.of(idNanos / idsTimed);
    }

    void finish() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }

    /** "[#########.....................]  80/248  ETA 0:34  unit 80". */
    static String render(int done, int total, String trying, OptionalLong nanosPerId) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String eta = nanosPerId.isEmpty() ? "--:--" : clock(nanosPerId.getAsLong() * (total - done));
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d/%d  ETA %s  %s", done, total, eta, trying);
    }

    private static String clock(long nanos) {
        long seconds = (nanos + 999_999_999) / 1_000_000_000;
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
