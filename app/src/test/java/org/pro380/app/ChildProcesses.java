package org.pro380.app;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ends child processes of tests for sure, on every path, and says how they ended. */
public final class ChildProcesses {
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private ChildProcesses() {}

    /**
     * Asks {@code p} to stop (SIGTERM), kills it if it is still running after {@code grace}, and
     * returns its exit code.
     *
     * @throws IllegalStateException if even SIGKILL did not end it in 10 s
     */
    public static int stop(Process p, Duration grace) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return kill(p);
        }
        return p.exitValue();
    }

    /**
     * Sends {@code p} SIGINT, as Ctrl-C at a terminal does, kills it if it is still running after
     * {@code grace}, and returns its exit code.
     */
    public static int interrupt(Process p, Duration grace) throws InterruptedException, java.io.IOException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start();
        if (!kill.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
            kill.destroyForcibly();
            return kill(p);
        }
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return kill(p);
        }
        return p.exitValue();
    }

    /** Kills {@code p} (SIGKILL) and waits for it to end; returns its exit code. */
    public static int kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        if (!p.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("process " + p.pid() + " still runs " + AFTER_KILL + " after SIGKILL");
        }
        return p.exitValue();
    }
}
