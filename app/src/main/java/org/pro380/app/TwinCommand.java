package org.pro380.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;
import org.pro380.registers.Code;
import org.pro380.registers.Identity;
import org.pro380.meter.MeterReading;
import org.pro380.registers.Settings;
import org.pro380.twin.ConfigFile;
import org.pro380.twin.source.SourceMap;
import org.pro380.twin.source.SourceSpec;
import org.pro380.twin.source.SourceState;
import org.pro380.twin.source.StaleMode;
import org.pro380.twin.HostPort;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.site.SiteConfig;
import org.pro380.twin.site.SiteLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 twin}: runs a software PRO380-Compact until Ctrl-C. */
@Command(name = "twin", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a software PRO380-Compact until Ctrl-C (which saves its memory).",
            "Modbus TCP, RTU over TCP, RTU on a serial port or pty, and the HTTP control API, all in one process."})
final class TwinCommand implements Callable<Integer> {

    private static final String NONE = "none";

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "DIR", description = "non-volatile memory directory (default: ${DEFAULT-VALUE})")
    Path state = NvFileStore.defaultStateDir();

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file; flags override it")
    Path config;

    @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Modbus TCP listener, or 'none' (default 127.0.0.1:5020)")
    String tcp;

    @Option(names = "--rtu-tcp", paramLabel = "HOST:PORT", description = "RTU over TCP listener")
    String rtuTcp;

    @Option(names = "--rtu-tcp-connect", paramLabel = "HOST:PORT", description = "connect out to a transparent RS485 gateway")
    String rtuTcpConnect;

    @Option(names = "--serial", paramLabel = "PATH", description = "serial device or pty for Modbus RTU")
    String serial;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "control API listener, or 'none' (default 127.0.0.1:8380)")
    String http;

    @Option(names = "--http-token", paramLabel = "TOKEN", description = "token for mutating API calls (required off loopback; generated if absent)")
    String httpToken;

    @Option(names = "--wire-timing", description = "delay replies as a real RS485 line at the meter's baud would")
    Boolean wireTiming;

    @Option(names = "--turnaround", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "the meter's processing time before a reply, with --wire-timing (default 5ms)")
    Duration turnaround;

    @Option(names = "--strict-broadcast", description = "do not answer reads sent to unit 0")
    Boolean strictBroadcast;

    @Option(names = "--save-interval", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "how often, in meter time, the memory is saved (default 1s; 1s per 200,000 meters for bigger sites)")
    Duration saveInterval;

    @Option(names = "--time-scale", paramLabel = "FACTOR", description = "meter seconds per real second (default 1)")
    Double timeScale;

    @Option(names = {"-a", "--unit-id"}, paramLabel = "ID", description = "unit id of a meter whose memory is new (1..247)")
    Integer unitId;

    @Option(names = "--serial-number", paramLabel = "N", description = "the meter's serial number (8 digits)")
    Integer serialNumber;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "connections at once per listener; the next is refused (default 64)")
    Integer maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "close a connection silent this long; HTTP keep-alive too (default 60s)")
    Duration idleTimeout;

    @Option(names = "--meters", paramLabel = "N", description = "how many meters the twin runs (default 1)")
    Integer meters;

    @Option(names = "--bus-size", paramLabel = "K",
            description = "meters per bus (1..247, default min(N, 247)); bus b listens on each port + b - 1")
    Integer busSize;

    @Option(names = "--gateway-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "how long a Modbus TCP bus port waits for a silent unit before exception 0x0B (default 0)")
    Duration gatewayTimeout;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the meters' varied loads (default 380)")
    Long seed;

    @Option(names = "--sites", paramLabel = "S", description = "processes that together run one site (default 1)")
    Integer sites;

    @Option(names = "--site-index", paramLabel = "I",
            description = "which of the --sites processes this is, 0..S-1: its meters are meters I*N+1..(I+1)*N of the site")
    Integer siteIndex;

    @Option(names = "--source", paramLabel = "URI", description = "mirror a source: mqtt://HOST:PORT/TOPIC, "
            + "mqtts://..., modbus-tcp://HOST:PORT?unit=N or rtu:PATH?baud=9600&parity=even&unit=N (docs/mirror.md)")
    String source;

    @Option(names = "--source-map", paramLabel = "FILE", description = "map MQTT messages of another shape to a load "
            + "(docs/source-maps/)")
    java.nio.file.Path sourceMap;

    @Option(names = "--source-username", paramLabel = "USER", description = "MQTT user name")
    String sourceUsername;

    @Option(names = "--source-password", paramLabel = "PASSWORD", description = "MQTT password")
    String sourcePassword;

    @Option(names = "--source-ca", paramLabel = "FILE",
            description = "with mqtts://, trust the CA certificates of this PEM file instead of the system's")
    Path sourceCa;

    @Option(names = "--source-cert", paramLabel = "FILE",
            description = "with mqtts://, show this client certificate (PEM) to a broker that asks for one")
    Path sourceCert;

    @Option(names = "--source-key", paramLabel = "FILE", description = "the private key of --source-cert (PKCS#8 PEM)")
    Path sourceKey;

    @Option(names = "--stale-after", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "a source with no fresh value for this long is stale (default 10s)")
    Duration staleAfter;

    @Option(names = "--on-stale", paramLabel = "MODE", description = "what a meter with a stale source does: "
            + "silent (default: no Modbus replies), zero (no current) or hold (the last value)")
    String onStale;
    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "play a load profile on every meter: household, pv, ev-charging, heat-pump, office, or a .csv/.json file")
    String profile;

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            twin.close();
            err.println(System.lineSeparator() + twin.unsavedReason()
                    .map(why -> "pro380 twin: stopped; memory NOT saved in " + cfg.stateDir() + ": " + why)
                    .orElse("pro380 twin: stopped; memory saved in " + cfg.stateDir()));
            err.flush();
            stopped.countDown();
        }, "pro380-shutdown"));
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
            applyFlags(b);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    private void applyFlags(TwinConfig.Builder b) {
        if (tcp != null) {
            b.tcp(listener(tcp));
        }
        if (http != null) {
            b.http(listener(http));
        }
        if (rtuTcp != null) {
            b.rtuTcp(listener(rtuTcp));
        }
        if (rtuTcpConnect != null) {
            b.rtuTcpConnect(HostPort.parse(rtuTcpConnect));
        }
        if (serial != null) {
            b.serial(serial);
        }
        if (httpToken != null) {
            b.httpToken(httpToken);
        }
        if (wireTiming != null) {
            b.wireTiming(wireTiming);
        }
        if (turnaround != null) {
            b.turnaround(turnaround);
        }
        if (strictBroadcast != null) {
            b.strictBroadcast(strictBroadcast);
        }
        if (saveInterval != null) {
            b.saveInterval(saveInterval);
        }
        if (timeScale != null) {
            b.timeScale(timeScale);
        }
        TwinConfig sofar = b.build();
        if (unitId != null) {
            b.factorySettings(sofar.factorySettings().withUnitId(unitId));
        }
        if (serialNumber != null) {
            b.identity(sofar.identity().withSerialNumber(serialNumber));
        }
        if (maxConnections != null) {
            b.maxConnections(maxConnections);
        }
        if (idleTimeout != null) {
            b.idleTimeout(idleTimeout);
        }
        if (busSize != null) {
            b.busSize(busSize);
        }
        if (meters != null) {
            b.meters(meters);
        }
        if (gatewayTimeout != null) {
            b.gatewayTimeout(gatewayTimeout);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (profile != null) {
            b.profile(org.pro380.twin.profile.Profiles.resolve(profile));
        }
        if (sites != null || siteIndex != null) {
            b.shard(siteIndex == null ? 0 : siteIndex, sites == null ? 1 : sites);
        }
        applySourceFlags(b);
        HostPort httpBind = sofar.http().orElse(null);
        if (httpBind != null && !httpBind.isLoopback() && sofar.httpToken().isEmpty()) {
            b.httpToken(java.util.UUID.randomUUID().toString().replace("-", ""));
        }
    }

    private void applySourceFlags(TwinConfig.Builder b) {
        if (source != null) {
            b.source(SourceSpec.of(source));
        }
        if (sourceMap == null && sourceUsername == null && sourcePassword == null && sourceCa == null
                && sourceCert == null && sourceKey == null && staleAfter == null && onStale == null) {
            return;
        }
        if (!b.mirrors()) {
            throw new IllegalArgumentException("--source-map, --source-username, --source-password, --source-ca, "
                    + "--source-cert, --source-key, --stale-after and --on-stale need --source (or a \"source\" in the "
                    + "config file)");
        }
        if ((sourceCert == null) != (sourceKey == null)) {
            throw new IllegalArgumentException("--source-cert and --source-key go together: a client certificate "
                    + "and its private key");
        }
        SourceMap map = sourceMap == null ? null : SourceMap.load(sourceMap);
        StaleMode mode = onStale == null ? null : StaleMode.parse(onStale);
        TrustedCertificates ca = sourceCa == null ? null : TrustedCertificates.read("--source-ca", sourceCa);
        ClientIdentity identity = sourceCert == null ? null
                : ClientIdentity.read("--source-cert", sourceCert, "--source-key", sourceKey);
        b.sources(s -> {
            SourceSpec changed = map == null ? s : s.withMap(map);
            if (sourceUsername != null || sourcePassword != null) {
                changed = changed.withLogin(sourceUsername != null ? sourceUsername : s.username().orElse(null),
                        sourcePassword != null ? sourcePassword : s.password().orElse(null));
            }
            changed = ca == null ? changed : changed.withCa(ca);
            changed = identity == null ? changed : changed.withIdentity(identity);
            changed = staleAfter == null ? changed : changed.withStaleAfter(staleAfter);
            return mode == null ? changed : changed.withOnStale(mode);
        });
    }

    private static HostPort listener(String text) {
        return NONE.equalsIgnoreCase(text) ? null : HostPort.parse(text);
    }

    private void announce(Twin twin) {
        PrintWriter out = spec.commandLine().getOut();
        MeterReading r = twin.reading();
        Identity id = r.identity();
        Settings s = r.settings();
        out.printf("PRO380-Compact twin: serial %08d, unit %d, %d baud, parity %s, state %s%n", id.serialNumber(),
                s.unitId(), s.baud(), Code.PARITY.text(s.parity()), twin.config().stateDir());
        r.storageError().ifPresent(e -> out.printf("storage check: %s (%s)%n", e.lcdText(), e.meaning()));
        SiteLayout layout = twin.config().site().layout();
        if (layout.meters() > 1) {
            out.printf("site: %d meters (serials %08d..%08d) on %d bus%s of up to %d, unit ids from %d%n",
                    layout.meters(), id.serialNumber(), twin.meter(layout.meters()).reading().identity().serialNumber(),
                    layout.buses(), layout.buses() == 1 ? "" : "es", layout.busSize(), s.unitId());
        }
        SiteConfig.Shard shard = twin.config().site().shard();
        if (shard.count() > 1) {
            out.printf("shard %d of %d: meters %d..%d of the site%n", shard.index(), shard.count(),
                    twin.config().site().siteIndex(1), twin.config().site().siteIndex(layout.meters()));
        }
        twin.describeTransports().forEach(line -> out.println("listening: " + line));
        long mirrors = twin.meters().stream().filter(m -> m.source().isPresent()).count();
        twin.meters().stream().filter(m -> m.source().isPresent()).limit(3).forEach(m -> {
            SourceState x = m.source().get();
            out.printf("meter %d mirrors %s (stale after %d ms: %s)%n", m.index(), x.source(), x.staleAfter().toMillis(),
                    x.onStale().key());
        });
        if (mirrors > 3) {
            out.printf("... %d meters mirror a source in all%n", mirrors);
        }
        twin.config().httpToken().ifPresent(t -> out.println("control API token: " + t));
        out.flush();
    }
}
