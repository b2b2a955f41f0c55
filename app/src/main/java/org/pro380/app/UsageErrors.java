package org.pro380.app;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A command line picocli cannot parse (an unknown option, a missing parameter, a value of the
 * wrong form) as one line "pro380: ...; see 'pro380 read --help'", instead of the whole usage.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String reason = e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
        cmd.getErr()
                .println("pro380: " + reason + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        cmd.getErr().flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
