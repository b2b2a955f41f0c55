package org.pro380.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failure as one line ("pro380: ..."); the stack trace only with --debug. */
final class UserErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean debug = parsed.hasMatchedOption("--debug")
                || parsed.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--debug"));
        cmd.getErr().println("pro380: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (debug) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return (e instanceof UserError u ? u.exitCode() : ExitCode.FAILED).code();
    }
}
