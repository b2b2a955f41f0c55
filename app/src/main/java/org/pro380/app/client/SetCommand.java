package org.pro380.app.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.client.Applied;
import org.pro380.client.Change;
import org.pro380.client.ClientException;
import org.pro380.client.Pro380Client;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Registers;
import org.pro380.registers.UnitId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pro380 set}: writes settings, checked before sending, each read back. */
@Command(
        name = "set",
        header = "Writes settings of a meter, checked before and read back after.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes settings of a meter. Every value is checked against the meter's rules",
            "before anything is sent, and read back after. After a new id, baud or parity",
            "the client goes on with the new settings.",
            "Keys: id=" + UnitId.RANGE + ", baud=300|600|1200|2400|4800|9600, parity=even|none|odd,",
            "  lcd-cycle=1..30, backlight=on|off, tariff=1|2|3, reset-power-counter;",
            "  the register keys (meter-id, baud-rate, lcd-cycle-time, power-counter=0)",
            "  work too."
        })
public final class SetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "KEY=VALUE", arity = "1..*", description = "the settings to write, in order")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        List<Change> changes = new ArrayList<>();
        for (String text : settings) {
            try {
                changes.add(Change.parse(text));
                Pro380Client.check(changes.get(changes.size() - 1));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), ExitCode.USAGE);
            } catch (ClientException e) {
                throw Failures.of(e);
            }
        }
        connection.applyDebug();
        PrintWriter out = spec.commandLine().getOut();
        try (Pro380Client client = Pro380Client.connect(connection.config())) {
            List<Applied> applied = client.apply(changes);
            for (Applied a : applied) {
                out.println(line(a));
            }
            if (applied.stream().anyMatch(a -> a.change().movesTheMeter())) {
                out.println("now at unit " + unitId(client, applied)
                        + client.link().line().map(l -> ", " + l).orElse(""));
            }
            out.flush();
            remindTheGateway(client, applied);
            return 0;
        } catch (ClientException e) {
            throw Failures.of(e);
        }
    }

    /** Where the meter answers now: its new id, else the unit asked, else (at unit 0) its id as it reads. */
    private static int unitId(Pro380Client client, List<Applied> applied) throws ClientException {
        for (int i = applied.size() - 1; i >= 0; i--) {
            if (applied.get(i).change().register().equals(Registers.UNIT_ID)) {
                return applied.get(i).readBack();
            }
        }
        return client.unitId() != 0 ? client.unitId() : client.read(Registers.UNIT_ID);
    }

    /** Over TCP the client cannot follow a new baud or parity: a gateway's serial side must. */
    private void remindTheGateway(Pro380Client client, List<Applied> applied) {
        List<String> line = applied.stream()
                .map(Applied::change)
                .filter(c ->
                        c.register().equals(Registers.BAUD_RATE) || c.register().equals(Registers.PARITY))
                .map(c -> c.register().key() + " " + ValueText.human(c.register(), c.value()))
                .distinct()
                .toList();
        if (line.isEmpty() || client.link().line().isPresent()) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("note: the meter's line is now " + String.join(", ", line) + "; if a gateway links "
                + client.link().endpoint() + " to the RS485 line, set the gateway's serial side to match");
        err.flush();
    }

    private static String line(Applied a) {
        String value = ValueText.human(a.change().register(), a.change().value());
        if (a.confirmed()) {
            return a.change().register().key() + " = " + value + " (read back)";
        }
        return a.change().register().key() + " = " + value + " (stored; the meter reads "
                + ValueText.human(a.change().register(), a.readBack()) + ": the tariff input overrules Modbus)";
    }
}
