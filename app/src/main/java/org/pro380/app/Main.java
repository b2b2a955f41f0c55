package org.pro380.app;

import org.pro380.app.bridge.BridgeCommand;
import org.pro380.app.bridge.ReportCommand;
import org.pro380.app.client.CommissionCommand;
import org.pro380.app.client.ReadCommand;
import org.pro380.app.client.ScanCommand;
import org.pro380.app.client.SetCommand;
import org.pro380.app.client.WatchCommand;
import org.pro380.app.simulate.SimulateCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pro380} command. */
@Command(
        name = "pro380",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "A software inepro PRO380-Compact kWh meter, and the PC software for one.",
        description = {
            "twin and simulate run the software meter; read, set, scan, commission and",
            "watch reach meters from the PC; bridge and report poll meters into a database.",
            "'pro380 COMMAND --help' describes each."
        },
        subcommands = {
            TwinCommand.class,
            SimulateCommand.class,
            ReadCommand.class,
            SetCommand.class,
            ScanCommand.class,
            CommissionCommand.class,
            WatchCommand.class,
            BridgeCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class
        })
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
        cli.getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(true);
        cli.setExecutionExceptionHandler(new UserErrors());
        cli.setParameterExceptionHandler(new UsageErrors());
        everyCommand(cli);
        return cli;
    }

    /** What every command shares: the exit code table in its help, and --version. */
    private static void everyCommand(CommandLine cmd) {
        cmd.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpList());
        cmd.getCommandSpec().versionProvider(new Version());
        cmd.getSubcommands().values().forEach(Main::everyCommand);
    }
}
