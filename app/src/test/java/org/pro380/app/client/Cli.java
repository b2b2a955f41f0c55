package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.pro380.app.Main;
import picocli.CommandLine;

/**
 * Runs a {@code pro380} command line in-process and captures what the command prints through
 * picocli's writers. System.out and System.err are left alone, so an in-process twin's log (or
 * anything else on another thread) does not end up in the captured output.
 */
public final class Cli {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A command that runs until stopped ({@code pro380 bridge}), on a thread of its own for as long
     * as a test needs rather than a fixed time (a loaded machine reads fewer meters in the same
     * time); stopped by an interrupt.
     */
    public static final class Running {
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exitCode = new AtomicInteger(-1);
        private final Thread thread;

        public Running(String... args) {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exitCode.set(cli.execute(args)), "pro380 " + args[0]);
            thread.start();
        }

        public String err() {
            return err.toString();
        }

        /** Waits (bounded) until {@code done} holds or the command ends by itself, then stops it; its result. */
        public Result stopWhen(BooleanSupplier done) throws InterruptedException {
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (thread.isAlive() && !done.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            thread.interrupt();
            thread.join(WITHIN.toMillis());
            assertThat(thread.isAlive())
                    .as("the command stops when interrupted\n%s", err())
                    .isFalse();
            return new Result(exitCode.get(), "", err());
        }
    }
}
