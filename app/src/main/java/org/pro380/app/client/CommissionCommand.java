package org.pro380.app.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.client.BusScan;
import org.pro380.client.ClientException;
import org.pro380.client.CommissionPlan;
import org.pro380.client.Commissioning;
import org.pro380.client.Commissioning.Event;
import org.pro380.client.ModbusLink;
import org.pro380.client.PlanCheck;
import org.pro380.client.UnitIds;
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
            "each meter is appended to the file as serial,id,label; a second run with",
            "the same plan resumes. --verify checks the bus against the plan: exit 3 if",
            "a meter is missing, 4 if one moved or one the plan lacks answers."
        })
public final class CommissionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LinkOptions link;

    @Option(
            names = "--ids",
            paramLabel = "IDS",
            required = true,
            description = "the ids to give, in order: 2..61, 2-61 or 2,3,7..9")
    String ids;

    @Option(names = "--plan", paramLabel = "FILE.csv", description = "the plan: read at the start, each meter appended")
    Path planFile;

    @Option(names = "--verify", description = "read the meters of the plan (and the ids of --ids) and report")
    boolean verify;

    @Option(names = "--count", paramLabel = "N", description = "stop after N meters")
    Integer count;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            converter = DurationText.class,
            description = "pause between two looks for a new meter (default ${DEFAULT-VALUE})")
    Duration poll;

    /** Between polls; a test passes one that wires in the next meter. */
    Commissioning.Sleeper sleeper = Commissioning.Sleeper.REAL;

    @Override
    public Integer call() {
        List<Integer> list = idList();
        CommissionPlan plan = readPlan();
        link.applyDebug();
        if (verify) {
            return verify(plan, list);
        }
        Commissioning.Options options = options(list);
        try (ModbusLink line = ModbusLink.open(link.endpoint(), link.timeout(), link.retries())) {
            Commissioning commissioning = new Commissioning(line, options, plan, recorder(), sleeper);
            Commissioning.Result result = commissioning.run(this::tell);
            if (result.idsUsedUp()) {
                note("every id of --ids " + ids + " is given" + (planFile != null ? " or in " + planFile : ""));
            }
            return 0;
        } catch (ClientException e) {
            throw Failures.of(e);
        } catch (IOException e) {
            throw new UserError("cannot write " + planFile + ": " + e.getMessage(), ExitCode.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("stopped", ExitCode.FAILED);
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
        TreeSet<Integer> asked = new TreeSet<>(list);
        asked.addAll(plan.ids());
        asked.add(Commissioning.FACTORY_ID);
        List<BusScan.Found> found;
        try {
            found = BusScan.scan(
                    link.endpoint(),
                    new BusScan.Options(List.copyOf(asked), false, true, link.timeout()),
                    BusScan.Progress.NONE);
        } catch (ClientException e) {
            throw Failures.of(e);
        }
        PlanCheck check = PlanCheck.of(plan, found);
        PrintWriter out = spec.commandLine().getOut();
        check.present().forEach(e -> out.println(e.serialText() + " at id " + e.unitId() + ": ok (" + e.label() + ")"));
        check.missing()
                .forEach(e -> out.println(e.serialText() + " at id " + e.unitId() + ": missing (" + e.label() + ")"));
        check.moved()
                .forEach(m -> out.println(
                        m.entry().serialText() + " at id " + m.entry().unitId() + ": moved to id " + m.nowAt() + " ("
                                + m.entry().label() + ")"));
        check.unexpected().forEach(f -> out.println(f.serialText() + " at id " + f.unitId() + ": not in the plan"));
        out.flush();
        if (!check.missing().isEmpty()) {
            return ExitCode.NO_REPLY.code();
        }
        return check.holds() ? 0 : ExitCode.BAD_REPLY.code();
    }

    private Commissioning.Recorder recorder() {
        return planFile == null ? Commissioning.Recorder.NONE : entry -> CommissionPlan.append(planFile, entry);
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
