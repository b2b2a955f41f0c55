package org.pro380.app.client;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.client.BusScan;
import org.pro380.client.ClientException;
import org.pro380.client.Endpoint;
import org.pro380.client.UnitIds;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.UnitId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 scan}: finds the meters on a line or behind a gateway. */
@Command(
        name = "scan",
        header = "Finds the meters on a serial line or behind a gateway.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Finds meters: first a read at unit 0, which a lone PRO380 answers with its",
            "own id, then (if nothing answered there, or with --every-id) unit ids one by",
            "one. Reports each meter's id, serial number and settings. A progress bar",
            "with ETA shows on a terminal."
        })
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--ids",
            paramLabel = "IDS",
            defaultValue = UnitId.RANGE,
            description = "unit ids to ask one by one: 1,2,5..9 or 2-61 (default ${DEFAULT-VALUE})")
    String ids;

    @Option(names = "--every-id", description = "ask every id even after a lone meter answered at unit 0")
    boolean everyId;

    @Option(names = "--all-settings", description = "serial: try every baud (300..9600) and parity, not only -b/-P")
    boolean allSettings;

    @Option(
            names = "--id-timeout",
            paramLabel = "DURATION",
            defaultValue = "200ms",
            converter = DurationText.class,
            description = "wait for each id (default ${DEFAULT-VALUE})")
    Duration idTimeout;

    @Override
    public Integer call() {
        BusScan.Options options = options();
        connection.applyDebug();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Endpoint endpoint = connection.endpoint();
        if (allSettings && !(endpoint instanceof Endpoint.Serial)) {
            err.println(
                    "note: --all-settings is for serial ports; over TCP the gateway's serial side sets baud and parity,"
                            + " so only unit ids are scanned");
            err.flush();
        }
        List<BusScan.Found> found;
        ProgressBar bar = new ProgressBar(err, System.console() != null);
        try {
            found = BusScan.scan(endpoint, options, bar);
        } catch (ClientException e) {
            throw Failures.of(e);
        } finally {
            bar.finish();
        }
        if (found.isEmpty()) {
            throw new UserError("no meter answered on " + endpoint, ExitCode.NO_REPLY);
        }
        out.printf("%-4s %-9s %-7s %-10s %-10s %s%n", "id", "serial", "code", "settings", "lcd-cycle", "heard at");
        for (BusScan.Found f : found) {
            out.printf(
                    "%-4d %-9s 0x%04X  %-10s %-10s %s%n",
                    f.unitId(),
                    f.serialText(),
                    f.meterCode(),
                    f.settings(),
                    f.lcdCycleTime() + " s",
                    heardAt(f, endpoint));
        }
        out.flush();
        for (BusScan.Found f : found) {
            if (f.heardAt().size() > 1) {
                err.printf(
                        "note: unit %d answered at %d line settings; a real RS485 line answers at one only, so this port"
                                + " ignores baud and parity (a pty does): the meter's own settings are those in the table%n",
                        f.unitId(), f.heardAt().size());
            }
        }
        err.flush();
        return 0;
    }

    private static String heardAt(BusScan.Found f, Endpoint endpoint) {
        List<LineSettings> at = f.heardAt();
        if (at.isEmpty()) {
            return endpoint.toString();
        }
        return at.get(0) + (at.size() > 1 ? " and " + (at.size() - 1) + " more settings" : "");
    }

    private BusScan.Options options() {
        try {
            return new BusScan.Options(UnitIds.parse(ids), allSettings, everyId, idTimeout);
        } catch (IllegalArgumentException e) {
            throw new UserError("--ids: " + e.getMessage(), ExitCode.USAGE);
        }
    }
}
