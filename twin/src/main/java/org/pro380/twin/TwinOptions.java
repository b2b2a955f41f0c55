package org.pro380.twin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pro380.client.HostPort;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;
import org.pro380.meter.Load;
import org.pro380.profile.LoadJson;
import org.pro380.profile.Profiles;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.capture.CaptureSettings;
import org.pro380.twin.fault.FaultFlag;
import org.pro380.twin.scenario.Scenario;
import org.pro380.twin.scenario.Scenarios;
import org.pro380.twin.source.SourceJson;
import org.pro380.twin.source.SourceMap;
import org.pro380.twin.source.SourceSpec;
import org.pro380.twin.source.StaleMode;
import org.pro380.twin.transport.ConnectionLimits;

/**
 * Every option of the twin, each declared once: flag, config key, default, description and how
 * it is set. {@code pro380 twin}'s flags and the config file's keys are made from this table;
 * both are applied in its order (the config file first, then the flags), so a flag overrides the
 * config file, which overrides the defaults. docs/twin.md lists them.
 */
public final class TwinOptions {

    private static final String NONE = "none";
    private static final String SOURCE_FLAGS = "--source-map, --source-username, --source-password, --source-ca, "
            + "--source-cert, --source-key, --stale-after and --on-stale";

    public static final TwinOption<Identity> IDENTITY = TwinOption.of(
                    Identity.class, "serial number, meter code, versions", TwinConfig.Builder::identity)
            .key("identity", ConfigFile.IdentityJson.class, ConfigFile::identity)
            .byDefault(Identity.typical(), "the typical meter's");
    public static final TwinOption<Settings> SETTINGS = TwinOption.of(
                    Settings.class, "settings of a meter whose memory is new", TwinConfig.Builder::factorySettings)
            .key("settings", ConfigFile.SettingsJson.class, ConfigFile::settings)
            .byDefault(Settings.factory(), "the factory's");
    public static final TwinOption<Load> LOAD = TwinOption.of(
                    Load.class, "the load the meter measures at start", TwinConfig.Builder::initialLoad)
            .key("load", JsonNode.class, LoadJson::read)
            .byDefault(Load.household(), "a household's");
    public static final TwinOption<String> TCP = TwinOption.of(
                    String.class,
                    "Modbus TCP listener, or 'none'",
                    (TwinConfig.Builder b, String v) -> b.tcp(listener(v)))
            .flag("HOST:PORT", "--tcp")
            .key("tcp")
            .byDefault(TwinConfig.DEFAULT_TCP.toString());
    public static final TwinOption<String> RTU_TCP = TwinOption.of(
                    String.class, "RTU over TCP listener", (TwinConfig.Builder b, String v) -> b.rtuTcp(listener(v)))
            .flag("HOST:PORT", "--rtu-tcp")
            .key("rtuTcp");
    public static final TwinOption<String> RTU_TCP_CONNECT = TwinOption.of(
                    String.class,
                    "connect out to a transparent RS485 gateway",
                    (TwinConfig.Builder b, String v) -> b.rtuTcpConnect(HostPort.parse(v)))
            .flag("HOST:PORT", "--rtu-tcp-connect")
            .key("rtuTcpConnect");
    public static final TwinOption<String> SERIAL = TwinOption.of(
                    String.class, "serial device or pty for Modbus RTU", TwinConfig.Builder::serial)
            .flag("PATH", "--serial")
            .key("serial");
    public static final TwinOption<String> HTTP = TwinOption.of(
                    String.class,
                    "control API listener, or 'none'",
                    (TwinConfig.Builder b, String v) -> b.http(listener(v)))
            .flag("HOST:PORT", "--http")
            .key("http")
            .byDefault(TwinConfig.DEFAULT_HTTP.toString());
    public static final TwinOption<String> HTTP_TOKEN = TwinOption.of(
                    String.class,
                    "token for mutating API calls (required off loopback; generated if absent)",
                    TwinConfig.Builder::httpToken)
            .flag("TOKEN", "--http-token")
            .key("httpToken");
    public static final TwinOption<Boolean> WIRE_TIMING = TwinOption.of(
                    Boolean.class,
                    "delay replies as a real RS485 line at the meter's baud would",
                    TwinConfig.Builder::wireTiming)
            .flag("", "--wire-timing")
            .key("wireTiming");
    public static final TwinOption<Duration> TURNAROUND = TwinOption.of(
                    Duration.class,
                    "the meter's processing time before a reply, with --wire-timing",
                    TwinConfig.Builder::turnaround)
            .flag("DURATION", "--turnaround")
            .millisKey("turnaroundMillis")
            .byDefault(Duration.ofMillis(5), "5ms");
    public static final TwinOption<Boolean> STRICT_BROADCAST = TwinOption.of(
                    Boolean.class, "do not answer reads sent to unit 0", TwinConfig.Builder::strictBroadcast)
            .flag("", "--strict-broadcast")
            .key("strictBroadcast");
    public static final TwinOption<Duration> SAVE_INTERVAL = TwinOption.of(
                    Duration.class, "how often, in meter time, the memory is saved", TwinConfig.Builder::saveInterval)
            .flag("DURATION", "--save-interval")
            .millisKey("saveIntervalMillis")
            .shows("1s; 1s per 200,000 meters for bigger sites");
    public static final TwinOption<Double> TIME_SCALE = TwinOption.of(
                    Double.class, "meter seconds per real second", TwinConfig.Builder::timeScale)
            .flag("FACTOR", "--time-scale")
            .key("timeScale")
            .byDefault(1.0, "1");
    public static final TwinOption<Integer> UNIT_ID = TwinOption.of(
                    Integer.class, "unit id of a meter whose memory is new (1..247)", TwinConfig.Builder::unitId)
            .flag("ID", "-a", "--unit", "--unit-id");
    public static final TwinOption<Integer> SERIAL_NUMBER = TwinOption.of(
                    Integer.class, "the meter's serial number (8 digits)", TwinConfig.Builder::serialNumber)
            .flag("N", "--serial-number");
    public static final TwinOption<Integer> MAX_CONNECTIONS = TwinOption.of(
                    Integer.class,
                    "connections at once per listener; the next is refused",
                    TwinConfig.Builder::maxConnections)
            .flag("N", "--max-connections")
            .key("maxConnections")
            .shows(String.valueOf(ConnectionLimits.DEFAULT_MAX_CONNECTIONS));
    public static final TwinOption<Duration> IDLE_TIMEOUT = TwinOption.of(
                    Duration.class,
                    "close a connection silent this long; HTTP keep-alive too",
                    TwinConfig.Builder::idleTimeout)
            .flag("DURATION", "--idle-timeout")
            .millisKey("idleTimeoutMillis")
            .shows(ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toSeconds() + "s");
    public static final TwinOption<Integer> BUS_SIZE = TwinOption.of(
                    Integer.class,
                    "meters per bus (1..247); bus b listens on each port + b - 1",
                    TwinConfig.Builder::busSize)
            .flag("K", "--bus-size")
            .key("busSize")
            .shows("min(N, 247)");
    public static final TwinOption<String> SOURCE = TwinOption.of(
                    String.class,
                    "mirror a source: "
                            + "mqtt://HOST:PORT/TOPIC, mqtts://..., modbus-tcp://HOST:PORT?unit=N or rtu:PATH?baud=9600&parity=even&unit=N "
                            + "(docs/mirror.md)",
                    (TwinConfig.Builder b, String v) -> b.source(SourceSpec.of(v)))
            .flag("URI", "--source")
            .readAs("source", (node, dir) -> {
                SourceSpec source = SourceJson.read(node, dir);
                return b -> b.source(source);
            });
    public static final TwinOption<Integer> METERS = TwinOption.of(
                    Integer.class, "how many meters the twin runs", TwinConfig.Builder::meters)
            .flag("N", "--meters")
            .readAs("meters", ConfigFile::meters)
            .shows("1");
    public static final TwinOption<Duration> GATEWAY_TIMEOUT = TwinOption.of(
                    Duration.class,
                    "how long a Modbus TCP bus port waits for a silent unit before exception 0x0B",
                    TwinConfig.Builder::gatewayTimeout)
            .flag("DURATION", "--gateway-timeout")
            .millisKey("gatewayTimeoutMillis")
            .shows("0");
    public static final TwinOption<Long> SEED = TwinOption.of(
                    Long.class, "seed of the meters' varied loads", TwinConfig.Builder::seed)
            .flag("N", "--seed")
            .key("seed")
            .shows("380");
    public static final TwinOption<String> PROFILE = TwinOption.of(
                    String.class,
                    "play a load profile on every meter: "
                            + "household, pv, ev-charging, heat-pump, office, or a .csv/.json file",
                    (TwinConfig.Builder b, String v) -> b.profile(Profiles.resolve(v)))
            .flag("NAME|FILE", "--profile")
            .readAs("profile", (node, dir) -> {
                var profile = ConfigFile.profile(node, dir);
                return b -> b.profile(profile);
            });
    public static final TwinOption<Integer> SITES = TwinOption.of(
                    Integer.class,
                    "processes that together run one site",
                    (TwinConfig.Builder b, Integer sites, TwinOption.Given given) ->
                            b.shard(given.get(TwinOptions.SITE_INDEX).orElse(0), sites))
            .flag("S", "--sites")
            .shows("1");
    public static final TwinOption<Integer> SITE_INDEX = TwinOption.of(
                    Integer.class,
                    "which of the --sites processes this is, 0..S-1: its meters are meters I*N+1..(I+1)*N of the site",
                    (TwinConfig.Builder b, Integer index, TwinOption.Given given) -> {
                        if (given.get(SITES).isEmpty()) {
                            b.shard(index, 1);
                        }
                    })
            .flag("I", "--site-index");
    public static final TwinOption<Path> SOURCE_MAP = sourceFlag(
            Path.class,
            "map MQTT messages of another shape to a load (docs/source-maps/)",
            "FILE",
            "--source-map",
            file -> {
                SourceMap map = SourceMap.load(file);
                return s -> s.withMap(map);
            });
    public static final TwinOption<String> SOURCE_USERNAME = sourceFlag(
            String.class,
            "MQTT user name",
            "USER",
            "--source-username",
            user -> s -> s.withLogin(user, s.password().orElse(null)));
    public static final TwinOption<String> SOURCE_PASSWORD = sourceFlag(
            String.class,
            "MQTT password",
            "PASSWORD",
            "--source-password",
            password -> s -> s.withLogin(s.username().orElse(null), password));
    public static final TwinOption<Path> SOURCE_CA = sourceFlag(
            Path.class,
            "with mqtts://, trust the CA certificates of this PEM file instead of the system's",
            "FILE",
            "--source-ca",
            file -> {
                TrustedCertificates ca = TrustedCertificates.read("--source-ca", file);
                return s -> s.withCa(ca);
            });
    public static final TwinOption<Path> SOURCE_CERT = TwinOption.of(
                    Path.class,
                    "with mqtts://, show this client certificate (PEM) to a broker that asks for one",
                    (TwinConfig.Builder b, Path cert, TwinOption.Given given) -> {
                        requireSource(b);
                        Path key = given.get(TwinOptions.SOURCE_KEY).orElseThrow(TwinOptions::certAndKeyGoTogether);
                        ClientIdentity identity = ClientIdentity.read("--source-cert", cert, "--source-key", key);
                        b.sources(s -> s.withIdentity(identity));
                    })
            .flag("FILE", "--source-cert");
    public static final TwinOption<Path> SOURCE_KEY = TwinOption.of(
                    Path.class,
                    "the private key of --source-cert (PKCS#8 PEM)",
                    (TwinConfig.Builder b, Path key, TwinOption.Given given) -> {
                        requireSource(b);
                        given.get(SOURCE_CERT).orElseThrow(TwinOptions::certAndKeyGoTogether);
                    })
            .flag("FILE", "--source-key");
    public static final TwinOption<Duration> STALE_AFTER = sourceFlag(
                    Duration.class,
                    "a source with no fresh value for this long is stale",
                    "DURATION",
                    "--stale-after",
                    after -> s -> s.withStaleAfter(after))
            .shows(SourceSpec.DEFAULT_STALE_AFTER.toSeconds() + "s");
    public static final TwinOption<String> ON_STALE = sourceFlag(
            String.class,
            "what a meter with a stale source does: "
                    + "silent (default: no Modbus replies), zero (no current) or hold (the last value)",
            "MODE",
            "--on-stale",
            text -> {
                StaleMode mode = StaleMode.parse(text);
                return s -> s.withOnStale(mode);
            });
    public static final TwinOption<String[]> FAULTS = TwinOption.of(
                    String[].class,
                    "a fault the meters or buses start with, repeatable: drop=0.1, delay=50ms..300ms, meter=3:exception=6, "
                            + "meter=2:reversedCt=L2, bus=2:noise=0.1 (docs/faults.md)",
                    (TwinConfig.Builder b, String[] flags) ->
                            b.faults(Arrays.stream(flags).map(FaultFlag::parse).toList()))
            .flag("[meter=K:|bus=B:]NAME[=VALUE]", "--fault")
            .key("faults");
    public static final TwinOption<Path> CAPTURE = TwinOption.of(
                    Path.class,
                    "record every frame of every transport into this pcapng file (docs/capture.md)",
                    TwinConfig.Builder::capture)
            .flag("FILE", "--capture")
            .readAs("capture", (node, dir) -> {
                Path file = dir.resolve(ConfigFile.JSON.treeToValue(node, String.class));
                return b -> b.capture(file);
            });
    public static final TwinOption<String> CAPTURE_SIZE = TwinOption.of(
                    String.class,
                    "rotate the capture file to FILE.1 when it would grow past this size: bytes, KB, MB or GB",
                    TwinConfig.Builder::captureSize)
            .flag("SIZE", "--capture-size")
            .key("captureSize")
            .byDefault("100MB");
    public static final TwinOption<Integer> CAPTURE_FILES = TwinOption.of(
                    Integer.class,
                    "capture files kept, FILE and FILE.1 ..., the oldest deleted",
                    TwinConfig.Builder::captureFiles)
            .flag("N", "--capture-files")
            .key("captureFiles")
            .byDefault(CaptureSettings.DEFAULT_FILES);
    public static final TwinOption<String> SCENARIO = TwinOption.of(
                    String.class,
                    "play a scenario from the start: grid-meter-lost, noisy-bus, ct-reversed-l2, "
                            + "power-cut-during-write, or a .json file (docs/scenarios.md)",
                    (TwinConfig.Builder b, String v) -> b.scenario(Scenarios.resolve(v)))
            .flag("NAME|FILE", "--scenario")
            .readAs("scenario", (node, dir) -> {
                Scenario scenario = ConfigFile.scenario(node, dir);
                return b -> b.scenario(scenario);
            });
    public static final TwinOption<Boolean> SCENARIO_LOOP = TwinOption.of(
                    Boolean.class, "play the scenario over and over", TwinConfig.Builder::scenarioLoop)
            .flag("", "--scenario-loop")
            .key("scenarioLoop");

    /** Every option, in the order they are applied. */
    public static final List<TwinOption<?>> ALL = List.of(
            IDENTITY,
            SETTINGS,
            LOAD,
            TCP,
            RTU_TCP,
            RTU_TCP_CONNECT,
            SERIAL,
            HTTP,
            HTTP_TOKEN,
            WIRE_TIMING,
            TURNAROUND,
            STRICT_BROADCAST,
            SAVE_INTERVAL,
            TIME_SCALE,
            UNIT_ID,
            SERIAL_NUMBER,
            MAX_CONNECTIONS,
            IDLE_TIMEOUT,
            BUS_SIZE,
            SOURCE,
            METERS,
            GATEWAY_TIMEOUT,
            SEED,
            PROFILE,
            SITES,
            SITE_INDEX,
            SOURCE_MAP,
            SOURCE_USERNAME,
            SOURCE_PASSWORD,
            SOURCE_CA,
            SOURCE_CERT,
            SOURCE_KEY,
            STALE_AFTER,
            ON_STALE,
            FAULTS,
            CAPTURE,
            CAPTURE_SIZE,
            CAPTURE_FILES,
            SCENARIO,
            SCENARIO_LOOP);

    /** The options of the config file by key. */
    static final Map<String, TwinOption<?>> BY_KEY = ALL.stream()
            .filter(o -> o.key().isPresent())
            .collect(Collectors.toUnmodifiableMap(o -> o.key().get(), Function.identity()));

    private TwinOptions() {}

    /**
     * Sets what was given on the command line on {@code builder}, which holds the defaults and
     * the config file's values; off loopback, a control API without a token gets a generated one.
     */
    public static void applyFlags(TwinConfig.Builder builder, Map<TwinOption<?>, Object> given) {
        TwinOption.Given lookup = new TwinOption.Given() {
            @Override
            public <V> Optional<V> get(TwinOption<V> option) {
                return Optional.ofNullable(given.get(option)).map(option.type()::cast);
            }
        };
        for (TwinOption<?> option : ALL) {
            if (given.containsKey(option)) {
                option.apply(builder, given.get(option), lookup);
            }
        }
        TwinConfig sofar = builder.build();
        HostPort http = sofar.http().orElse(null);
        if (http != null && !http.isLoopback() && sofar.httpToken().isEmpty()) {
            builder.httpToken(UUID.randomUUID().toString().replace("-", ""));
        }
    }

    /** A flag that changes every source, the twin's and each meter's own: it needs one. */
    private static <T> TwinOption<T> sourceFlag(
            Class<T> type,
            String description,
            String label,
            String flag,
            Function<T, java.util.function.UnaryOperator<SourceSpec>> change) {
        return TwinOption.of(type, description, (TwinConfig.Builder b, T value, TwinOption.Given given) -> {
                    requireSource(b);
                    b.sources(change.apply(value));
                })
                .flag(label, flag);
    }

    private static void requireSource(TwinConfig.Builder b) {
        if (!b.mirrors()) {
            throw new IllegalArgumentException(SOURCE_FLAGS + " need --source (or a \"source\" in the config file)");
        }
    }

    private static IllegalArgumentException certAndKeyGoTogether() {
        return new IllegalArgumentException(
                "--source-cert and --source-key go together: a client certificate " + "and its private key");
    }

    private static HostPort listener(String text) {
        return NONE.equalsIgnoreCase(text) ? null : HostPort.parse(text);
    }
}
