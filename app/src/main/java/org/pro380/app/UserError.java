package org.pro380.app;

/** A failure the user can act on: printed as one line, with its exit code from the {@link ExitCode} table. */
public final class UserError extends RuntimeException {

    private final ExitCode exitCode;

    public UserError(String message) {
        this(message, ExitCode.FAILED);
    }

    public UserError(String message, ExitCode exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** With the code's number; it must be in the {@link ExitCode} table. */
    public UserError(String message, int exitCode) {
        this(message, ExitCode.of(exitCode));
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
