package org.pro380.app.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.client.ClientException;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.client.format.Csv;
import org.pro380.client.format.Format;
import org.pro380.client.format.Json;
import org.pro380.client.format.Table;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Register;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pro380 watch}: a table that refreshes until Ctrl-C, or a stream of JSON or CSV lines. */
@Command(
        name = "watch",
        header = "Shows a refreshing table of a meter's values, or streams them as JSON or CSV.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads a meter again and again and shows a refreshing table; Ctrl-C stops.",
            "--format json prints one JSON object per reading and line (JSON lines),",
            "--format csv one header, then one line per reading: for shell pipelines.",
            "A failed read after the first is shown (on stderr for json and csv) and",
            "retried at the next interval."
        })
public final class WatchCommand implements Callable<Integer> {

    /** Compact: one reading per line. */
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "GROUP|REGISTER", arity = "0..*", description = "what to show (default: all)")
    List<String> names = new ArrayList<>();

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationText.class,
            description = "time between reads (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, json (JSON lines) or csv (default ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            description = "stop after N reads, N >= 1 (default: never)")
    Integer count;

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        if (count != null && count < 1) {
            throw new UserError(
                    "--count must be 1 or more, got " + count + "; leave it out to watch until Ctrl-C", ExitCode.USAGE);
        }
        Format chosen = ReadCommand.format(format);
        List<Register<?>> registers = ReadCommand.select(names);
        connection.applyDebug();
        boolean terminal = System.console() != null;
        PrintWriter out = spec.commandLine().getOut();
        try (Pro380Client client = Pro380Client.connect(connection.config())) {
            for (int round = 1; count == null || round <= count; round++) {
                long next = System.nanoTime() + interval.toNanos();
                if (chosen == Format.TABLE) {
                    String table = render(client, registers, round);
                    out.print(terminal ? "\u001b[H\u001b[2J" + table : (round > 1 ? "\n" : "") + table);
                } else {
                    stream(client, registers, round, chosen, out);
                }
                out.flush();
                if (count == null || round < count) {
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
            }
            return 0;
        } catch (ClientException e) {
            throw Failures.of(e);
        }
    }

    /** One JSON line or CSV line per reading (the CSV header before the first); a failed read goes to stderr. */
    private void stream(Pro380Client client, List<Register<?>> registers, int round, Format chosen, PrintWriter out)
            throws ClientException, JsonProcessingException {
        Snapshot snapshot;
        try {
            snapshot = client.read(registers);
        } catch (ClientException e) {
            if (round == 1) {
                throw e;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("pro380: " + e.getMessage() + " (retrying in " + interval.toMillis() + " ms)");
            err.flush();
            return;
        }
        if (chosen == Format.JSON) {
            out.println(JSON_LINE.writeValueAsString(Json.tree(snapshot)));
            return;
        }
        if (round == 1) {
            out.println("time,unit_id,"
                    + String.join(
                            ",",
                            snapshot.registers().stream().map(Register::key).toList()));
        }
        out.println(snapshot.time() + "," + snapshot.unitId() + ","
                + String.join(
                        ",",
                        snapshot.values().entrySet().stream()
                                .map(e -> Csv.quote(ValueText.exact(e.getKey(), e.getValue())))
                                .toList()));
    }

    private String render(Pro380Client client, List<Register<?>> registers, int round) throws ClientException {
        try {
            return Table.render(client.read(registers));
        } catch (ClientException e) {
            if (round == 1) {
                throw e;
            }
            return "pro380: " + e.getMessage() + " (retrying in " + interval.toMillis() + " ms)\n";
        }
    }
}
