package org.pro380.app;

import java.util.List;
import java.util.Map;
import org.pro380.app.bridge.BridgeCommand;
import org.pro380.app.bridge.ReportCommand;
import org.pro380.app.client.CommissionCommand;
import org.pro380.app.client.ReadCommand;
import org.pro380.app.client.ScanCommand;
import org.pro380.app.client.SetCommand;
import org.pro380.app.client.UiCommand;
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
            "twin and simulate run the software meter; read, set, scan, commission,",
            "watch and ui reach meters from the PC; bridge and report poll meters into a",
            "database.",
            "'pro380 COMMAND --help' describes each."
        })
public final class Main {

    /**
     * Netty's settings that cost every process and serve only someone debugging Netty, each with
     * the value the process runs with unless the command line gives another: Netty 4.2 registers
     * its buffer events with the JDK's Flight Recorder, which loads and starts the recorder's
     * machinery (a quarter of the CPU to a twin's first answer) for events that only a recording
     * would see; its leak detector takes a stack trace of one buffer in 128 (3 % of a Modbus
     * request's CPU) to report buffers never released, a check for the tests (which do not
     * start through here and keep it).
     */
    private static final Map<String, String> NETTY_LEAN =
            Map.of("io.netty.jfr.enabled", "false", "io.netty.leakDetection.level", "disabled");

    /** The commands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            TwinCommand.class,
            SimulateCommand.class,
            ReadCommand.class,
            SetCommand.class,
            ScanCommand.class,
            CommissionCommand.class,
            WatchCommand.class,
            UiCommand.class,
            BridgeCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class);

    public static void main(String[] args) {
        leanStart();
        startEarly(args.length == 0 ? "" : args[0]);
        System.exit(run(args));
    }

    /**
     * What the process needs set before any library loads: {@link #NETTY_LEAN}. Given on the
     * command line (e.g. {@code -Dio.netty.jfr.enabled=true}), the caller's choice stays.
     */
    static void leanStart() {
        NETTY_LEAN.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    /**
     * What the command named {@code first} will need, started on other threads while picocli
     * builds the command on this one.
     */
    static void startEarly(String first) {
        if (first.equals("twin")) {
            TwinCommand.prepareInBackground();
        }
    }

    /** Runs a command line and gives its exit code: user and usage errors print one line, no stack trace. */
    public static int run(String... args) {
        return commandLine(args.length == 0 ? "" : args[0]).execute(args);
    }

    /** The command line with pro380's error handling, for callers that capture its output. */
    public static CommandLine commandLine() {
        return commandLine("");
    }

    /**
     * The command line with only the command named {@code first}, if one is (but help and
     * generate-completion, which describe every command): building every command (its options,
     * and the libraries their classes set up) took a third of the start.
     */
    static CommandLine commandLine(String first) {
        List<Class<?>> named = COMMANDS.stream()
                .filter(c -> !c.getName().startsWith("picocli.")
                        && c.getAnnotation(Command.class).name().equals(first))
                .toList();
        CommandLine cli = new CommandLine(new Main());
        // a CommandLine of its own, so that the command's model transformer is applied
        (named.isEmpty() ? COMMANDS : named).forEach(c -> cli.addSubcommand(new CommandLine(c)));
        CommandLine completion = cli.getSubcommands().get("generate-completion");
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(true);
        }
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
