package org.pro380.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pro380.meter.MeterReading;
import org.pro380.registers.Code;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.ConfigFile;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinOption;
import org.pro380.twin.TwinOptions;
import org.pro380.twin.TwinStartException;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.site.SiteConfig;
import org.pro380.twin.site.SiteLayout;
import org.pro380.twin.source.SourceState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code pro380 twin}: runs a software PRO380-Compact until Ctrl-C. Its options are the twin's
 * own ({@link TwinOptions}), made into flags here; the config file reads the same table.
 */
@Command(
        name = "twin",
        header = "Runs a software PRO380-Compact: Modbus TCP, RTU and an HTTP control API.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = TwinCommand.Flags.class,
        description = {
            "Runs a software PRO380-Compact until Ctrl-C (which saves its memory).",
            "Modbus TCP, RTU over TCP, RTU on a serial port or pty, and the HTTP",
            "control API, all in one process."
        })
final class TwinCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--state",
            paramLabel = "DIR",
            description = "non-volatile memory directory (default: ${DEFAULT-VALUE})")
    Path state = NvFileStore.defaultStateDir();

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file; flags override it")
    Path config;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    /**
     * Starts, on a thread of its own, what a twin's start needs before its flags are known, while
     * picocli builds the command on the main thread: the option table (which initialises the
     * register map), then what {@link Twin#prepare} does ahead of the start. A class is initialised once, by one thread: the main
     * thread, reaching one, waits for this one's work instead of doing it again, and the
     * transport's choice and its one log line are as before.
     */
    static void prepareInBackground() {
        Thread prepare = new Thread(TwinCommand::prepare, "pro380-twin-prepare");
        prepare.setDaemon(true);
        prepare.start();
    }

    private static void prepare() {
        TwinOptions.ALL.size();
        Twin.prepare();
    }

    /** Adds a flag for every option of the twin's table that has one, in the table's order. */
    static final class Flags implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (TwinOption<?> option : TwinOptions.ALL) {
                if (!option.flags().isEmpty()) {
                    spec.addOption(flag(option));
                }
            }
            return spec;
        }

        private static OptionSpec flag(TwinOption<?> option) {
            OptionSpec.Builder flag = OptionSpec.builder(option.flags().toArray(String[]::new))
                    .type(option.type())
                    .description(option.description());
            if (!option.isSwitch()) {
                flag.paramLabel(option.paramLabel());
            }
            if (option.type() == Duration.class) {
                flag.converters(new Converters.DurationConverter());
            }
            return flag.build();
        }
    }

    @Override
    public Integer call() {
        TwinConfig cfg = buildConfig();
        Twin twin;
        try {
            twin = Twin.start(cfg);
        } catch (TwinStartException e) {
            throw new UserError(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter err = spec.commandLine().getErr();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            twin.close();
                            err.println(System.lineSeparator()
                                    + twin.unsavedReason()
                                            .map(why -> "pro380 twin: stopped; memory NOT saved in " + cfg.stateDir()
                                                    + ": " + why)
                                            .orElse("pro380 twin: stopped; memory saved in " + cfg.stateDir()));
                            err.flush();
                            stopped.countDown();
                        },
                        "pro380-shutdown"));
        announce(twin);
        new StatusLine(twin, spec.commandLine().getOut()).runUntil(stopped);
        return 0;
    }

    TwinConfig buildConfig() {
        TwinConfig.Builder b = TwinConfig.builder(state);
        try {
            if (config != null) {
                ConfigFile.apply(config, b);
            }
            TwinOptions.applyFlags(b, givenFlags());
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    /** The twin's options given on the command line, with their values. */
    private Map<TwinOption<?>, Object> givenFlags() {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<TwinOption<?>, Object> given = new HashMap<>();
        for (TwinOption<?> option : TwinOptions.ALL) {
            if (!option.flags().isEmpty()) {
                OptionSpec flag = spec.findOption(option.flags().get(0));
                if (parsed.hasMatchedOption(flag)) {
                    given.put(option, flag.getValue());
                }
            }
        }
        return given;
    }

    private void announce(Twin twin) {
        PrintWriter out = spec.commandLine().getOut();
        MeterReading r = twin.meter(1).reading();
        Identity id = r.identity();
        Settings s = r.settings();
        out.printf(
                "PRO380-Compact twin: serial %08d, unit %d, %d baud, parity %s, state %s%n",
                id.serialNumber(),
                s.unitId(),
                s.baud(),
                Code.PARITY.text(s.parity()),
                twin.config().stateDir());
        r.storageError().ifPresent(e -> out.printf("storage check: %s (%s)%n", e.lcdText(), e.meaning()));
        SiteLayout layout = twin.config().site().layout();
        if (layout.meters() > 1) {
            out.printf(
                    "site: %d meters (serials %08d..%08d) on %d bus%s of up to %d, unit ids from %d%n",
                    layout.meters(),
                    id.serialNumber(),
                    twin.meter(layout.meters()).reading().identity().serialNumber(),
                    layout.buses(),
                    layout.buses() == 1 ? "" : "es",
                    layout.busSize(),
                    s.unitId());
        }
        SiteConfig.Shard shard = twin.config().site().shard();
        if (shard.count() > 1) {
            out.printf(
                    "shard %d of %d: meters %d..%d of the site%n",
                    shard.index(),
                    shard.count(),
                    twin.config().site().siteIndex(1),
                    twin.config().site().siteIndex(layout.meters()));
        }
        twin.describeTransports().forEach(line -> out.println("listening: " + line));
        long mirrors =
                twin.meters().stream().filter(m -> m.source().isPresent()).count();
        twin.meters().stream().filter(m -> m.source().isPresent()).limit(3).forEach(m -> {
            SourceState x = m.source().get();
            out.printf(
                    "meter %d mirrors %s (stale after %d ms: %s)%n",
                    m.index(),
                    x.source(),
                    x.staleAfter().toMillis(),
                    x.onStale().key());
        });
        if (mirrors > 3) {
            out.printf("... %d meters mirror a source in all%n", mirrors);
        }
        twin.config().httpToken().ifPresent(t -> out.println("control API token: " + t));
        out.flush();
    }
}
