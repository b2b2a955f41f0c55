package org.pro380.app.client;

import java.io.PrintWriter;
import org.pro380.client.BusScan;

/** A one-line progress bar with ETA on stderr, redrawn in place; silent when not on a terminal. */
final class ProgressBar implements BusScan.Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void step(int done, int total, String trying) {
        if (!terminal) {
            return;
        }
        err.print("\r" + render(done, total, trying, System.nanoTime() - start) + "\u001b[K");
        err.flush();
        drawn = true;
    }

    void finish() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }

    /** "[#########.....................]  80/248  ETA 0:34  unit 80". */
    static String render(int done, int total, String trying, long elapsedNanos) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String eta = done == 0 ? "--:--" : clock(elapsedNanos / done * (total - done));
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d/%d  ETA %s  %s", done, total, eta, trying);
    }

    private static String clock(long nanos) {
        long seconds = (nanos + 999_999_999) / 1_000_000_000;
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
