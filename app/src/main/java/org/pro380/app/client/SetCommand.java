package org.pro380.app.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pro380.app.UserError;
import org.pro380.client.Applied;
import org.pro380.client.Change;
import org.pro380.client.ClientException;
import org.pro380.client.Pro380Client;
import org.pro380.client.format.ValueText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pro380 set}: writes settings, checked before sending, each read back. */
@Command(name = "set", header = "Writes settings of a meter, checked before and read back after.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes settings of a meter. Every value is checked against the meter's rules",
            "before anything is sent, and read back after. After a new id, baud or parity",
            "the client goes on with the new settings.",
            "Keys: id=1..247, baud=300|600|1200|2400|4800|9600, parity=even|none|odd,",
            "  lcd-cycle=1..30, backlight=on|off, tariff=1|2|3, reset-power-counter"})
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
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), 2);
            }
        }
        connection.applyDebug();
        PrintWriter out = spec.commandLine().getOut();
        try (Pro380Client client = Pro380Client.connect(connection.config())) {
            for (Applied a : client.apply(changes)) {
                out.println(line(a));
            }
            client.link().line().ifPresent(line -> out.println("now at unit " + client.unitId() + ", " + line));
            out.flush();
            return 0;
        } catch (ClientException e) {
            throw Failures.of(e);
        }
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
