package org.pro380.app;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pro380} command. */
@Command(name = "pro380", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A digital twin of the inepro PRO380-Compact kWh meter, and the PC software to read and configure one.",
        subcommands = {TwinCommand.class, org.pro380.app.simulate.SimulateCommand.class,
            org.pro380.app.client.ReadCommand.class, org.pro380.app.client.SetCommand.class,
            org.pro380.app.client.ScanCommand.class, org.pro380.app.client.WatchCommand.class,
            org.pro380.app.bridge.BridgeCommand.class, org.pro380.app.bridge.ReportCommand.class,
            CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and gives its exit code: user and usage errors print one line, no stack trace. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with pro380's error handling, for callers that capture its output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        cli.setExecutionExceptionHandler(new UserErrors());
        cli.setParameterExceptionHandler(new UsageErrors());
        return cli;
    }
}
