package org.pro380.twin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pro380.client.HostPort;
import org.pro380.meter.Load;
import org.pro380.profile.FleetVariation;
import org.pro380.profile.Profile;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.capture.CaptureSettings;
import org.pro380.twin.fault.FaultFlag;
import org.pro380.twin.scenario.Scenario;
import org.pro380.twin.site.MeterEntry;
import org.pro380.twin.site.SiteConfig;
import org.pro380.twin.site.SiteLayout;
import org.pro380.twin.source.SourceSpec;
import org.pro380.twin.transport.ConnectionLimits;

/**
 * Everything a twin is started with: where it keeps its memory, where it listens, and the meter it is.
 *
 * @param stateDir the twin's non-volatile memory; one twin per directory
 * @param tcp Modbus TCP listener
 * @param rtuTcp RTU over TCP listener
 * @param rtuTcpConnect a transparent RS485 gateway to connect out to (RTU over TCP)
 * @param serial a serial device (USB RS485 adapter, or one end of a pty pair)
 * @param http control API and front panel listener
 * @param httpToken the token that mutating HTTP calls need when not bound to loopback
 * @param wireTiming whether replies are delayed as a real RS485 line at the meter's baud would delay them
 * @param turnaround the meter's processing time before it answers, with wire timing
 * @param strictBroadcast whether a read at unit 0 goes unanswered
 * @param saveInterval how often, in meter time, the memory is saved (default
 *     {@link #defaultSaveInterval}: 1 s, longer for sites of more than 200,000 meters)
 * @param timeScale how many meter seconds pass in one real second (1 = real time)
 * @param identity serial number, meter code, versions
 * @param factorySettings settings of a meter whose memory is new (unit id, baud, parity, ...)
 * @param initialLoad the load the meter measures at start
 * @param connectionLimits connections at once and idle timeout, per listener
 * @param site how many meters, on buses of how many, behind gateways of which timeout; every
 *     listener above is bus 1's, bus b listens on its port + b - 1
 * @param source what every meter without a source of its own mirrors (docs/mirror.md); empty: none
 * @param profile the profile every meter plays instead of the fixed load, each at its own
 *     seeded shift (a meter's own in the config file comes first); not with a source
 * @param faults the faults the meters start with ({@code --fault}, docs/faults.md)
 * @param capture where every frame of every transport is recorded, if anywhere (docs/capture.md)
 * @param scenario the scenario the twin plays from its start (docs/scenarios.md), if any
 */
public record TwinConfig(
        Path stateDir,
        Optional<HostPort> tcp,
        Optional<HostPort> rtuTcp,
        Optional<HostPort> rtuTcpConnect,
        Optional<String> serial,
        Optional<HostPort> http,
        Optional<String> httpToken,
        boolean wireTiming,
        Duration turnaround,
        boolean strictBroadcast,
        Duration saveInterval,
        double timeScale,
        Identity identity,
        Settings factorySettings,
        Load initialLoad,
        ConnectionLimits connectionLimits,
        SiteConfig site,
        Optional<SourceSpec> source,
        Optional<Profile> profile,
        List<FaultFlag> faults,
        CaptureSettings capture,
        Optional<Scenario> scenario) {

    public static final HostPort DEFAULT_TCP = HostPort.loopback(5020);
    public static final HostPort DEFAULT_HTTP = HostPort.loopback(8380);

    /** Longer saves apart than ten years of meter time would not be saves. */
    public static final Duration MAX_SAVE_INTERVAL = Duration.ofDays(3650);
    /** A meter that needs more than ten seconds to answer is a dead meter. */
    public static final Duration MAX_TURNAROUND = Duration.ofSeconds(10);

    public static final double MAX_TIME_SCALE = 1_000_000;
    /**
     * What one save round costs per meter on a 2-core machine, at most (4 to 5 µs measured, see
     * docs/benchmarks.md): rounds of a big site are never planned closer together than this.
     */
    public static final Duration SAVE_COST_PER_METER = Duration.ofNanos(5_000);

    /**
     * The save interval of a site of {@code meters} unless one is given: 1 s, or for a site so
     * big that a round takes longer ({@link #SAVE_COST_PER_METER}), that time rounded up to whole
     * seconds: 1 s to 200,000 meters, 3 s for 500,000, 5 s for 1,000,000.
     */
    public static Duration defaultSaveInterval(int meters) {
        long roundNanos = SAVE_COST_PER_METER.toNanos() * meters;
        return Duration.ofSeconds(Math.max(1, (roundNanos + 999_999_999L) / 1_000_000_000L));
    }

    public TwinConfig {
        checkSaveInterval(saveInterval);
        checkTimeScale(timeScale);
        checkTurnaround(turnaround);
        checkSite(site, factorySettings, identity, List.of(tcp, rtuTcp, rtuTcpConnect));
        if (source.isPresent() && profile.isPresent()) {
            throw new IllegalArgumentException("a meter takes its load from a profile or from a source, not both: "
                    + "give the twin one of them, and meters their own in the config file");
        }
        scenario.ifPresent(s -> {
            try {
                s.checkMeters(site.layout().meters());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario " + s.name() + ": " + e.getMessage(), e);
            }
        });
        if (serial.isPresent() && site.layout().buses() > 1) {
            throw new IllegalArgumentException(
                    "a serial port serves one bus, and " + site.layout().meters()
                            + " meters on buses of " + site.layout().busSize() + " make "
                            + site.layout().buses()
                            + ": raise --bus-size or serve the other buses over TCP");
        }
    }

    private static void checkSite(
            SiteConfig site, Settings settings, Identity identity, List<Optional<HostPort>> listeners) {
        SiteLayout layout = site.layout();
        if (settings.unitId() + layout.busSize() - 1 > SiteLayout.MAX_BUS_SIZE) {
            throw new IllegalArgumentException("unit ids " + settings.unitId() + ".."
                    + (settings.unitId() + layout.busSize() - 1) + " on a bus of " + layout.busSize() + " go past 247");
        }
        FleetVariation.serialNumber(identity.serialNumber(), site.siteIndex(layout.meters()));
        for (Optional<HostPort> listener : listeners) {
            listener.filter(l -> l.port() != 0 && l.port() + layout.buses() - 1 > 0xFFFF)
                    .ifPresent(l -> {
                        throw new IllegalArgumentException(layout.buses() + " buses from " + l + " go past port 65535");
                    });
        }
    }

    private static Duration checkSaveInterval(Duration v) {
        if (v.isNegative() || v.isZero() || v.compareTo(MAX_SAVE_INTERVAL) > 0) {
            throw new IllegalArgumentException("save interval must be > 0 and at most " + MAX_SAVE_INTERVAL.toDays()
                    + " days, got " + v.toMillis() + " ms");
        }
        return v;
    }

    private static double checkTimeScale(double v) {
        if (!(v > 0) || v > MAX_TIME_SCALE) {
            throw new IllegalArgumentException("time scale must be > 0 and <= 1000000, got " + v);
        }
        return v;
    }

    private static Duration checkTurnaround(Duration v) {
        if (v.isNegative() || v.compareTo(MAX_TURNAROUND) > 0) {
            throw new IllegalArgumentException("turnaround must be 0..10000 ms, got " + v.toMillis() + " ms");
        }
        return v;
    }

    /** A twin on the default ports with a typical meter at 230 V, 50 Hz. */
    public static Builder builder(Path stateDir) {
        return new Builder(stateDir);
    }

    /** A twin for tests: free loopback ports for Modbus TCP, RTU over TCP and HTTP. */
    public static Builder forTests(Path stateDir) {
        return builder(stateDir)
                .tcp(HostPort.loopback(0))
                .rtuTcp(HostPort.loopback(0))
                .http(HostPort.loopback(0));
    }

    /** Builds a config; every value starts at its default ({@link TwinOptions}). */
    public static final class Builder {
        private final Path stateDir;
        // the defaults are set from TwinOptions
        private Optional<HostPort> tcp;
        private Optional<HostPort> rtuTcp = Optional.empty();
        private Optional<HostPort> rtuTcpConnect = Optional.empty();
        private Optional<String> serial = Optional.empty();
        private Optional<HostPort> http;
        private Optional<String> httpToken = Optional.empty();
        private boolean wireTiming;
        private Duration turnaround;
        private boolean strictBroadcast;
        private Duration saveInterval; // null: the default for the site's size
        private double timeScale;
        private Identity identity;
        private Settings factorySettings;
        private Load initialLoad;
        private ConnectionLimits connectionLimits = ConnectionLimits.defaults();
        private SiteConfig site = SiteConfig.single();
        private Integer busSize;
        private Optional<SourceSpec> source = Optional.empty();
        private Optional<Profile> profile = Optional.empty();
        private List<FaultFlag> faults = List.of();
        private CaptureSettings capture = CaptureSettings.none();
        private Optional<Scenario> scenario = Optional.empty();
        private boolean scenarioLoop;

        private Builder(Path stateDir) {
            this.stateDir = stateDir;
            TwinOptions.ALL.forEach(o -> o.applyDefault(this));
        }

        public Builder tcp(HostPort v) {
            tcp = Optional.ofNullable(v);
            return this;
        }

        public Builder rtuTcp(HostPort v) {
            rtuTcp = Optional.ofNullable(v);
            return this;
        }

        public Builder rtuTcpConnect(HostPort v) {
            rtuTcpConnect = Optional.ofNullable(v);
            return this;
        }

        public Builder serial(String v) {
            serial = Optional.ofNullable(v);
            return this;
        }

        public Builder http(HostPort v) {
            http = Optional.ofNullable(v);
            return this;
        }

        public Builder httpToken(String v) {
            httpToken = Optional.ofNullable(v);
            return this;
        }

        public Builder wireTiming(boolean v) {
            wireTiming = v;
            return this;
        }

        public Builder turnaround(Duration v) {
            turnaround = checkTurnaround(v);
            return this;
        }

        public Builder strictBroadcast(boolean v) {
            strictBroadcast = v;
            return this;
        }

        public Builder saveInterval(Duration v) {
            saveInterval = checkSaveInterval(v);
            return this;
        }

        public Builder timeScale(double v) {
            timeScale = checkTimeScale(v);
            return this;
        }

        public Builder identity(Identity v) {
            identity = v;
            return this;
        }

        public Builder factorySettings(Settings v) {
            factorySettings = v;
            return this;
        }
        /** The unit id of a meter whose memory is new, in the settings given so far. */
        public Builder unitId(int v) {
            factorySettings = factorySettings.withUnitId(v);
            return this;
        }
        /** The serial number (of meter 1 of a site), in the identity given so far. */
        public Builder serialNumber(int v) {
            identity = identity.withSerialNumber(v);
            return this;
        }

        public Builder initialLoad(Load v) {
            initialLoad = v;
            return this;
        }
        /** The source every meter without its own mirrors. */
        public Builder source(SourceSpec v) {
            source = Optional.ofNullable(v);
            return this;
        }

        public Optional<SourceSpec> source() {
            return source;
        }
        /** Changes every source: the twin's and each meter's own (the command line's source flags). */
        public Builder sources(java.util.function.UnaryOperator<SourceSpec> change) {
            source = source.map(change);
            site = site.withEntries(site.entries().stream()
                    .map(e -> e.withSource(e.source().map(change)))
                    .toList());
            return this;
        }
        /** Whether any meter mirrors a source. */
        public boolean mirrors() {
            return source.isPresent()
                    || site.entries().stream().anyMatch(e -> e.source().isPresent());
        }

        public Builder connectionLimits(ConnectionLimits v) {
            connectionLimits = v;
            return this;
        }

        public Builder maxConnections(int v) {
            connectionLimits = connectionLimits.withMaxConnections(v);
            return this;
        }

        public Builder idleTimeout(Duration v) {
            connectionLimits = connectionLimits.withIdleTimeout(v);
            return this;
        }
        /** How many meters; the bus size follows (min(N, 247)) unless set. */
        public Builder meters(int v) {
            site = site.withLayout(layout(v, busSize));
            return this;
        }

        public Builder busSize(int v) {
            busSize = v;
            site = site.withLayout(layout(site.layout().meters(), v));
            return this;
        }

        public Builder gatewayTimeout(Duration v) {
            site = site.withGatewayTimeout(v);
            return this;
        }

        public Builder seed(long v) {
            site = site.withSeed(v);
            return this;
        }
        /** What the config file says of the first meters; the site holds at least that many. */
        public Builder meterEntries(List<MeterEntry> v) {
            if (v.size() > site.layout().meters()) {
                site = site.withLayout(layout(v.size(), busSize));
            }
            site = site.withEntries(v);
            return this;
        }

        public Builder profile(Profile v) {
            profile = Optional.ofNullable(v);
            return this;
        }
        /** The faults the meters start with (all {@code --fault} flags at once: they override the config file's). */
        public Builder faults(List<FaultFlag> v) {
            faults = List.copyOf(v);
            return this;
        }

        public Builder capture(Path v) {
            capture = capture.withFile(v);
            return this;
        }
        /** How large a capture file grows before it is rotated: "10MB", "512KB" or bytes. */
        public Builder captureSize(String v) {
            capture = capture.withFileBytes(CaptureSettings.parseSize(v));
            return this;
        }

        public Builder captureFiles(int v) {
            capture = capture.withFiles(v);
            return this;
        }
        /** The scenario played from the start. */
        public Builder scenario(Scenario v) {
            scenario = Optional.ofNullable(v);
            return this;
        }

        /** Loops the scenario whatever its file says. */
        public Builder scenarioLoop(boolean v) {
            scenarioLoop = v;
            return this;
        }

        /** This process runs slice {@code index} (0-based) of {@code count} that make one site. */
        public Builder shard(int index, int count) {
            site = site.withShard(new SiteConfig.Shard(index, count));
            return this;
        }

        private static SiteLayout layout(int meters, Integer busSize) {
            return busSize == null ? SiteLayout.of(meters) : new SiteLayout(meters, busSize);
        }

        public TwinConfig build() {
            return new TwinConfig(
                    stateDir,
                    tcp,
                    rtuTcp,
                    rtuTcpConnect,
                    serial,
                    http,
                    httpToken,
                    wireTiming,
                    turnaround,
                    strictBroadcast,
                    saveInterval != null
                            ? saveInterval
                            : defaultSaveInterval(site.layout().meters()),
                    timeScale,
                    identity,
                    factorySettings,
                    initialLoad,
                    connectionLimits,
                    site,
                    source,
                    profile,
                    faults,
                    capture,
                    scenario.map(s -> scenarioLoop ? s.withLoop(true) : s));
        }
    }
}
