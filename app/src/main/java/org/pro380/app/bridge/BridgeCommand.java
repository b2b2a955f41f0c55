package org.pro380.app.bridge;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.app.client.DurationText;
import org.pro380.app.client.LinkOptions;
import org.pro380.bridge.Bridge;
import org.pro380.bridge.BridgeConfig;
import org.pro380.bridge.BridgeLine;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.PolledMeter;
import org.pro380.bridge.Poller;
import org.pro380.bridge.ReadingSink;
import org.pro380.bridge.RoundCost;
import org.pro380.bridge.SettingChanges;
import org.pro380.bridge.SqliteStore;
import org.pro380.bridge.web.BridgeWeb;
import org.pro380.bridge.web.MeterView;
import org.pro380.bridge.web.Page;
import org.pro380.client.ClientException;
import org.pro380.client.ConfigError;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.client.ModbusLink;
import org.pro380.client.UnitIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 bridge}: polls meters into SQLite (and MQTT, Prometheus) until stopped. */
@Command(
        name = "bridge",
        header = "Polls meters into a database (and MQTT, Prometheus) until stopped.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads every register of each meter at its interval, one request at a time",
            "per line, and stores each reading (or a gap, when a meter is silent) in",
            "SQLite. One line from the connection flags and -a, or several from --config.",
            "Ctrl-C or SIGTERM stops it cleanly. Schema and config file: docs/bridge.md."
        })
public final class BridgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LinkOptions link = new LinkOptions();

    @Option(
            names = {"-a", "--unit"},
            paramLabel = "IDS",
            description = "unit ids: 1,2,5..9 or 5-9 (default 1)")
    String units;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "the line's name in logs and the database (default: its address)")
    String name;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "several lines and their meters from a JSON file (docs/bridge.md)")
    Path config;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationText.class,
            description = "time between readings of a meter (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(
            names = "--db",
            paramLabel = "FILE",
            description =
                    "the SQLite database (default $XDG_DATA_HOME/pro380/bridge.db or ~/.local/share/pro380/bridge.db)")
    Path db;

    @Option(
            names = "--keep",
            paramLabel = "DAYS",
            defaultValue = "400d",
            converter = RetentionText.class,
            description =
                    "keep whole readings this long, then only 15-minute energy counters (default ${DEFAULT-VALUE})")
    Duration keep;

    @Option(
            names = "--web",
            paramLabel = "HOST:PORT",
            description = "serve the REST view and live page here, e.g. 127.0.0.1:8382 (default: none)")
    String web;

    @Option(
            names = "--wait-for-device",
            description = "a serial device that is not there yet (a USB adapter plugged in later)"
                    + " is tried again and again; without it the bridge stops at once")
    boolean waitForDevice;

    @Option(
            names = "--run-for",
            paramLabel = "DURATION",
            converter = DurationText.class,
            description = "stop after this long (default: until Ctrl-C or SIGTERM)")
    Duration runFor;

    @Mixin
    PublishOptions publish = new PublishOptions();

    @Override
    public Integer call() {
        List<BridgeLine> lines = lines();
        HostPort webBind = webBind();
        link.applyDebug();
        if (!waitForDevice) {
            lines.forEach(BridgeCommand::checkSerialDevice);
        }
        Path file = db != null ? db : SqliteStore.defaultFile();
        Clock clock = Clock.systemUTC();
        List<ReadingSink> sinks = new ArrayList<>();
        try {
            sinks.add(SqliteStore.open(file, keep, clock));
        } catch (SQLException e) {
            throw new UserError("cannot open the database " + file + ": " + e.getMessage(), ExitCode.FAILED);
        }
        SettingChanges changes = new SettingChanges();
        BridgeWeb view;
        try {
            sinks.addAll(
                    publish.start(changes::apply, Optional.ofNullable(webBind).map(HostPort::toAddress)));
            view = webBind == null ? null : startWeb(webBind, new MeterView(file, clock), publish.metricsOnWeb());
        } catch (UserError e) {
            sinks.forEach(ReadingSink::close);
            throw e;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (BridgeLine line : lines) {
            err.println(RoundCost.describe(line));
        }
        err.println("storing readings in " + file);
        if (view != null) {
            InetSocketAddress at = view.address();
            err.println("live page on http://" + at.getHostString() + ":" + at.getPort() + "/ (REST: /api/meters"
                    + (publish.metricsOnWeb().isPresent() ? ", Prometheus: /metrics)" : ")"));
        }
        err.flush();
        sinks.add(new StatusSink(System.console() != null ? err : null, clock));
        Bridge bridge = Bridge.start(lines, sinks, clock, Poller.Opener.CLIENT, changes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            if (view != null) {
                view.close();
            }
            bridge.close();
        };
        Thread hook = new Thread(
                () -> {
                    stop.run();
                    stopped.countDown();
                },
                "bridge shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            if (runFor == null) {
                stopped.await();
                return 0;
            }
            if (stopped.await(runFor.toNanos(), TimeUnit.NANOSECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            interrupted = true; // a program running the command stops it as it would any blocking call
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        stop.run(); // with the interrupt cleared: it waits for the reads under way before it closes the database
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private HostPort webBind() {
        if (web == null) {
            return null;
        }
        try {
            return HostPort.parse(web);
        } catch (IllegalArgumentException e) {
            throw new UserError("--web: " + e.getMessage(), ExitCode.USAGE);
        }
    }

    /** A serial device that cannot be opened at start is a typo or a missing adapter: stop, do not retry forever. */
    private static void checkSerialDevice(BridgeLine line) {
        if (!(line.endpoint() instanceof Endpoint.Serial)) {
            return;
        }
        try (ModbusLink opened = Poller.Opener.CLIENT.open(line)) {
            // it opens: the poller will open it again
        } catch (ClientException e) {
            String named = line.name().equals(line.endpoint().toString()) ? "" : " (line " + line.name() + ")";
            throw new UserError(
                    e.getMessage() + named + "; --wait-for-device waits for an adapter that is plugged in later",
                    ExitCode.FAILED);
        }
    }

    private static BridgeWeb startWeb(HostPort bind, MeterView meters, Optional<Page> metrics) {
        try {
            return BridgeWeb.start(bind.toAddress(), meters, metrics.stream().toList());
        } catch (IOException e) {
            throw new UserError(
                    "--web " + bind + ": "
                            + (inUse(e)
                                    ? "the port is in use by another program; give --web another port"
                                    : "cannot listen there (" + rootMessage(e) + ")"),
                    ExitCode.FAILED);
        }
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("in use")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private List<BridgeLine> lines() {
        if (config != null) {
            if (link.given() || units != null || name != null) {
                throw new UserError(
                        "--config lists the lines and meters; leave out --tcp, --rtu-tcp, --serial, -a and --name",
                        ExitCode.USAGE);
            }
            try {
                return BridgeConfig.read(config, interval);
            } catch (ConfigError.InFile e) {
                throw new UserError(e.getMessage(), ExitCode.USAGE);
            }
        }
        List<Integer> ids;
        try {
            ids = UnitIds.parse(units == null ? "1" : units);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        }
        link.config(1);
        String lineName = name != null ? name : link.endpoint().toString();
        List<PolledMeter> meters = ids.stream()
                .map(id -> new PolledMeter(new BridgeMeter(lineName, id, ""), interval))
                .toList();
        return List.of(new BridgeLine(lineName, link.endpoint(), link.timeout(), link.retries(), meters));
    }
}
