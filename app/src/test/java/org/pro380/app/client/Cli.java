package org.pro380.app.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.pro380.app.Main;
import picocli.CommandLine;

/**
 * Runs a {@code pro380} command line in-process and captures what the command prints through
 * picocli's writers. System.out and System.err are left alone, so an in-process twin's log (or
 * anything else on another thread) does not end up in the captured output.
 */
public final class Cli {

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
