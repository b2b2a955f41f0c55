package org.pro380.app.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.client.ClientConfig;
import org.pro380.client.ClientException;
import org.pro380.client.Group;
import org.pro380.client.ModbusLink;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.client.format.Format;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pro380 read}: registers of a meter, by group or name, in the fewest requests. */
@Command(
        name = "read",
        header = "Reads registers of a meter: all of them in 3 requests.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads a meter: every register by default (3 requests), or groups and",
            "registers by name, one request per register block touched.",
            "Groups: all, identity, settings, instantaneous, energy, l1, l2, l3, t1, t2, t3.",
            "Registers: see --list. An address reads raw registers as mbpoll does:",
            "  pro380 read 0x5002 -t float -c 3"
        })
public final class ReadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "GROUP|REGISTER", arity = "0..*", description = "what to read (default: all)")
    List<String> names = new ArrayList<>();

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--list", description = "list the groups and registers, read nothing")
    boolean list;

    @Option(
            names = {"-t", "--type"},
            paramLabel = "TYPE",
            description = "with an address: int16, uint16, int32, hex or float (default uint16)")
    String type;

    @Option(
            names = {"-c", "--count"},
            paramLabel = "COUNT",
            description = "with an address: how many values of the type to read (default 1)")
    Integer count;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            out.print(listing());
            out.flush();
            return 0;
        }
        Optional<Integer> address = names.size() == 1 ? RawRead.address(names.get(0)) : Optional.empty();
        if (address.isPresent()) {
            return readRaw(address.get(), out);
        }
        if (type != null || count != null) {
            throw new UserError(
                    "-t and -c read raw registers: give one address, e.g. read 0x5002 -t float -c 3", ExitCode.USAGE);
        }
        Format chosen = format(format);
        List<Register<?>> registers = select(names);
        connection.applyDebug();
        try (Pro380Client client = Pro380Client.connect(connection.config())) {
            Snapshot snapshot = client.read(registers);
            out.print(chosen.render(snapshot));
            out.flush();
            return 0;
        } catch (ClientException e) {
            throw Failures.of(e);
        }
    }

    private int readRaw(int address, PrintWriter out) {
        RawRead.Type t;
        try {
            t = type == null ? RawRead.Type.UINT16 : RawRead.Type.parse(type);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        }
        int values = count == null ? 1 : count;
        if (values < 1 || values * t.words > ReadHoldingRegisters.MAX_QUANTITY) {
            throw new UserError(
                    "-c must be 1.." + ReadHoldingRegisters.MAX_QUANTITY / t.words + " for " + t.key + ", got "
                            + values,
                    ExitCode.USAGE);
        }
        connection.applyDebug();
        ClientConfig config = connection.config();
        try (ModbusLink link = ModbusLink.open(config.endpoint(), config.timeout(), config.retries())) {
            out.print(RawRead.lines(address, t, link.readRegisters(config.unitId(), address, values * t.words)));
            out.flush();
            return 0;
        } catch (ClientException e) {
            throw Failures.of(e);
        }
    }

    static Format format(String text) {
        for (Format f : Format.values()) {
            if (f.key().equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw new UserError("format must be table, json or csv, got '" + text + "'", ExitCode.USAGE);
    }

    static List<Register<?>> select(List<String> names) {
        try {
            return Group.select(names);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        }
    }

    private static String listing() {
        StringBuilder s = new StringBuilder("Groups\n");
        for (Group g : Group.values()) {
            s.append(String.format("  %-14s %s%n", g.key(), g.description()));
        }
        s.append("Registers\n");
        for (Register<?> r : Registers.MAP.all()) {
            List<String> aliases = Registers.MAP.aliasesOf(r);
            s.append(String.format(
                    "  %-28s 0x%04X  %-6s %-6s %s%n",
                    r.key(),
                    r.address(),
                    r.type(),
                    r.unit().symbol(),
                    r.name()
                            + (r.writable() ? " (writable)" : "")
                            + (aliases.isEmpty() ? "" : " (also " + String.join(", ", aliases) + ")")));
        }
        return s.toString();
    }
}
