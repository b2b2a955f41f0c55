package org.pro380.app.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.bridge.BridgeConfig;
import org.pro380.client.BusScan;
import org.pro380.client.ClientException;
import org.pro380.client.CommissionPlan;
import org.pro380.client.Commissioning;
import org.pro380.client.Commissioning.Event;
import org.pro380.client.Endpoint;
import org.pro380.client.LabelList;
import org.pro380.client.LineMove;
import org.pro380.client.ModbusLink;
import org.pro380.client.PlanCheck;
import org.pro380.client.UnitIds;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 commission}: gives a bus of new meters their ids, one meter at a time. */
@Command(
        name = "commission",
        header = "Gives new meters their unit ids, one meter at a time.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Waits for a meter at the factory settings (unit 1, 9600 8E1), reads its",
            "serial number, gives it the next id of --ids that no meter answers at, checks",
            "it answers there with the same serial number and prints \"22091039 -> id 2\".",
            "Then waits for the next meter: wire or power them on one at a time. Stops",
            "when the ids are used up, after --count meters, or on Ctrl-C. With --plan,",
            "each meter is appended to the file as serial,id,label (the label typed at",
            "the terminal, from --labels, or \"meter N\"); a second run with the same",
            "plan resumes. --verify checks the bus against the plan: exit 3 if a meter",
            "is missing, 4 if one moved or one the plan lacks answers. --move-to moves",
            "every meter of the plan to a new baud and parity, one at a time, each found",
            "there (exit 3 if one is not). --bridge-config writes the plan as the config",
            "file of 'pro380 bridge --config' (without --ids: only that)."
        })
public final class CommissionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LinkOptions link;

    @Option(names = "--ids", paramLabel = "IDS", description = "the ids to give, in order: 2..61, 2-61 or 2,3,7..9")
    String ids;

    @Option(names = "--plan", paramLabel = "FILE.csv", description = "the plan: read at the start, each meter appended")
    Path planFile;

    @Option(names = "--verify", description = "read the meters of the plan (and the ids of --ids) and report")
    boolean verify;

    @Option(names = "--count", paramLabel = "N", description = "stop after N meters")
    Integer count;

    @Option(
            names = "--labels",
            paramLabel = "LIST",
            description = "cabinet positions, in order: A1..A12,B1..B12, A1.. (no end) or main,garage")
    String labels;

    @Option(
            names = "--move-to",
            paramLabel = "BAUD,PARITY",
            description = "then move every meter of the plan to this line, e.g. 4800,odd")
    String moveTo;

    @Option(
            names = "--bridge-config",
            paramLabel = "FILE.json",
            description = "write the plan as the bridge's config file (after each meter)")
    Path bridgeConfig;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            converter = DurationText.class,
            description = "pause between two looks for a new meter (default ${DEFAULT-VALUE})")
    Duration poll;

    /** Between polls; a test passes one that wires in the next meter. */
    Commissioning.Sleeper sleeper = Commissioning.Sleeper.REAL;

    /** Where the installer types labels: the terminal, if there is one; a test passes its own. */
    BufferedReader terminal;

    @Override
    public Integer call() {
        CommissionPlan plan = readPlan();
        Optional<LineSettings> target = target();
        if (ids == null && !verify && target.isEmpty() && bridgeConfig == null) {
            throw new UserError(
                    "give --ids IDS to commission meters, or --verify, --move-to or --bridge-config with --plan",
                    ExitCode.USAGE);
        }
        if (ids == null && planFile == null) {
            throw new UserError(
                    "--verify, --move-to and --bridge-config without --ids need --plan FILE.csv", ExitCode.USAGE);
        }
        if (verify && (target.isPresent() || bridgeConfig != null)) {
            throw new UserError(
                    "--verify only reads; give --move-to or --bridge-config in a run of its own", ExitCode.USAGE);
        }
        List<Integer> list = ids == null ? List.of() : idList();
        link.applyDebug();
        if (verify) {
            return verify(plan, list);
        }
        if (ids == null && target.isEmpty()) {
            writeBridgeConfig(plan, link.endpoint());
            return 0;
        }
        Commissioning.Options options = ids == null ? null : options(list);
        Commissioning.Labels labelling = options == null ? Commissioning.Labels.SUGGESTED : labelling(plan);
        try (ModbusLink line = ModbusLink.open(link.endpoint(), link.timeout(), link.retries())) {
            if (options != null) {
                plan = commission(line, options, plan, labelling);
            }
            if (target.isEmpty()) {
                if (bridgeConfig != null && !plan.entries().isEmpty()) {
                    writeBridgeConfig(plan, link.endpoint());
                }
                return 0;
            }
            int code = move(line, plan, target.get());
            if (bridgeConfig != null) {
                writeBridgeConfig(plan, movedEndpoint(target.get()));
            }
            return code;
        } catch (ClientException e) {
            throw Failures.of(e);
        } catch (IOException e) {
            throw new UserError(e.getMessage(), ExitCode.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("stopped", ExitCode.FAILED);
        }
    }

    private CommissionPlan commission(
            ModbusLink line, Commissioning.Options options, CommissionPlan plan, Commissioning.Labels labelling)
            throws ClientException, IOException, InterruptedException {
        Commissioning commissioning = new Commissioning(line, options, plan, recorder(plan), sleeper, labelling);
        Commissioning.Result result = commissioning.run(this::tell);
        if (result.idsUsedUp()) {
            note("every id of --ids " + ids + " is given" + (planFile != null ? " or in " + planFile : ""));
        }
        return commissioning.plan();
    }

    /** Moves the plan's meters to {@code to}: 0 if every one is found there, 3 if one is not. */
    private int move(ModbusLink line, CommissionPlan plan, LineSettings to) throws ClientException {
        LineSettings from = link.line();
        PrintWriter out = spec.commandLine().getOut();
        List<LineMove.Outcome> outcomes = new LineMove(line, from, to).run(plan, outcome -> {
            out.println(outcome.text(to));
            out.flush();
        });
        if (line.line().isEmpty()) {
            note("the meters' line is now " + to + "; if a gateway links " + line.endpoint()
                    + " to the RS485 line, set the gateway's serial side to match");
        }
        return outcomes.stream().anyMatch(o -> o instanceof LineMove.Outcome.Lost) ? ExitCode.NO_REPLY.code() : 0;
    }

    /** The line --move-to names, checked against the meter's rules before anything is sent. */
    private Optional<LineSettings> target() {
        if (moveTo == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LineMove.target(moveTo));
        } catch (IllegalArgumentException e) {
            throw new UserError("--move-to: " + e.getMessage(), ExitCode.USAGE);
        }
    }

    /** The link's endpoint at the line the meters were moved to (a gateway's address is unchanged). */
    private Endpoint movedEndpoint(LineSettings to) {
        Endpoint e = link.endpoint();
        return e instanceof Endpoint.Serial s ? new Endpoint.Serial(s.path(), to) : e;
    }

    /** The labels: from --labels, typed at the terminal, or "meter N". */
    private Commissioning.Labels labelling(CommissionPlan plan) {
        if (labels != null) {
            try {
                return LabelList.parse(
                        labels,
                        new HashSet<>(plan.entries().stream()
                                .map(CommissionPlan.Entry::label)
                                .toList()));
            } catch (IllegalArgumentException e) {
                throw new UserError("--labels: " + e.getMessage(), ExitCode.USAGE);
            }
        }
        if (terminal == null && System.console() != null) {
            terminal = new BufferedReader(
                    new InputStreamReader(System.in, System.console().charset()));
        }
        return terminal == null ? Commissioning.Labels.SUGGESTED : this::typed;
    }

    /** Asks the installer for the meter's label; an empty line or the end of input is the suggested one. */
    private String typed(int serialNumber, int unitId, String suggested) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        while (true) {
            err.print("label of " + Identity.serialText(serialNumber) + " (id " + unitId + ") [" + suggested + "]: ");
            err.flush();
            String line;
            try {
                line = terminal.readLine();
            } catch (IOException e) {
                throw new InterruptedException("the terminal is gone: " + e.getMessage());
            }
            if (line == null || line.isBlank()) {
                return suggested;
            }
            if (!line.contains(",")) {
                return line.strip();
            }
            err.println("note: a label has no comma; type another");
        }
    }

    private void writeBridgeConfig(CommissionPlan plan, Endpoint endpoint) {
        try {
            BridgeConfig.write(bridgeConfig, BridgeConfig.of(BridgeConfig.lineName(planFile), endpoint, plan));
        } catch (IllegalArgumentException e) {
            throw new UserError("--bridge-config: " + e.getMessage(), ExitCode.USAGE);
        } catch (IOException e) {
            throw new UserError("cannot write " + bridgeConfig + ": " + e.getMessage(), ExitCode.FAILED);
        }
    }

    private void tell(Event event) {
        if (event instanceof Event.Waiting w) {
            note("waiting for a meter at unit " + Commissioning.FACTORY_ID + " on " + link.endpoint() + " (it gets id "
                    + w.nextId() + ")");
        } else if (event instanceof Event.Crowded c) {
            note("a garbled reply at unit " + Commissioning.FACTORY_ID + ": are two new meters on the bus? Power one at"
                    + " a time (" + c.reply() + ")");
        } else if (event instanceof Event.Taken t) {
            note("id " + t.unitId() + " is taken: " + t.who() + " answers there; trying the next id");
        } else if (event instanceof Event.Commissioned c) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(c.entry().serialText() + " -> id " + c.entry().unitId()
                    + (c.again() ? " (again, as planned)" : ""));
            out.flush();
        }
    }

    private int verify(CommissionPlan plan, List<Integer> list) {
        PlanCheck check;
        try {
            check = PlanCheck.onBus(link.endpoint(), plan, list, link.timeout(), BusScan.Progress.NONE);
        } catch (ClientException e) {
            throw Failures.of(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        check.lines().forEach(out::println);
        out.flush();
        if (!check.missing().isEmpty()) {
            return ExitCode.NO_REPLY.code();
        }
        return check.holds() ? 0 : ExitCode.BAD_REPLY.code();
    }

    /** Appends each meter to the plan file, then writes the bridge's config file anew. */
    private Commissioning.Recorder recorder(CommissionPlan start) {
        CommissionPlan[] plan = {start};
        return entry -> {
            if (planFile != null) {
                try {
                    CommissionPlan.append(planFile, entry);
                } catch (IOException e) {
                    throw new IOException("cannot write " + planFile + ": " + e.getMessage(), e);
                }
            }
            plan[0] = plan[0].with(entry);
            if (bridgeConfig != null) {
                try {
                    BridgeConfig.write(
                            bridgeConfig, BridgeConfig.of(BridgeConfig.lineName(planFile), link.endpoint(), plan[0]));
                } catch (IOException e) {
                    throw new IOException("cannot write " + bridgeConfig + ": " + e.getMessage(), e);
                }
            }
        };
    }

    private List<Integer> idList() {
        try {
            return UnitIds.parse(ids);
        } catch (IllegalArgumentException e) {
            throw new UserError("--ids: " + e.getMessage(), ExitCode.USAGE);
        }
    }

    private Commissioning.Options options(List<Integer> list) {
        try {
            return new Commissioning.Options(list, count == null ? list.size() : count, poll);
        } catch (IllegalArgumentException e) {
            throw new UserError("--ids/--count: " + e.getMessage(), ExitCode.USAGE);
        }
    }

    private CommissionPlan readPlan() {
        if (planFile == null) {
            if (verify) {
                throw new UserError("--verify needs --plan FILE.csv", ExitCode.USAGE);
            }
            return CommissionPlan.EMPTY;
        }
        try {
            return CommissionPlan.read(planFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        } catch (IOException e) {
            throw new UserError("cannot read " + planFile + ": " + e.getMessage(), ExitCode.USAGE);
        }
    }

    private void note(String text) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("note: " + text);
        err.flush();
    }
}
