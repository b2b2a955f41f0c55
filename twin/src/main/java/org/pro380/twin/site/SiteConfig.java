package org.pro380.twin.site;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.pro380.profile.FleetVariation;

/**
 * How many meters a twin process runs and how they sit on buses and behind gateways.
 *
 * @param layout the meters and their buses
 * @param gatewayTimeout how long a Modbus TCP bus port waits for a silent unit before it answers
 *     exception 0x0B, as a gateway does (0: at once, so that scans stay fast)
 * @param seed the seed of the meters' varied loads ({@link FleetVariation})
 * @param shard which slice of a larger site this process runs: its meters are meters
 *     {@code index * N + 1 .. (index + 1) * N} of the whole, in serial numbers and loads
 * @param entries what the config file says of meters 1, 2, ... of this process (fewer than N or none)
 */
public record SiteConfig(SiteLayout layout, Duration gatewayTimeout, long seed, Shard shard, List<MeterEntry> entries) {

    /** Slice {@code index} (0-based) of {@code count} processes that together run one site. */
    public record Shard(int index, int count) {
        public static final Shard WHOLE = new Shard(0, 1);

        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException(
                        "site index must be 0.." + (count - 1) + " of " + count + " sites, got " + index);
            }
        }
    }

    /** A gateway that waits longer than this for a meter would hold its master for nothing. */
    public static final Duration MAX_GATEWAY_TIMEOUT = Duration.ofSeconds(60);

    public SiteConfig {
        Objects.requireNonNull(layout, "layout");
        entries = List.copyOf(entries);
        if (entries.size() > layout.meters()) {
            throw new IllegalArgumentException("the config describes " + entries.size() + " meters, more than the "
                    + layout.meters() + " the site runs");
        }
        if (gatewayTimeout.isNegative() || gatewayTimeout.compareTo(MAX_GATEWAY_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "gateway timeout must be 0..60000 ms, got " + gatewayTimeout.toMillis() + " ms");
        }
    }

    /** One meter, answering at once: the twin as it always was. */
    public static SiteConfig single() {
        return new SiteConfig(SiteLayout.of(1), Duration.ZERO, FleetVariation.DEFAULT_SEED, Shard.WHOLE, List.of());
    }

    public SiteConfig withLayout(SiteLayout v) {
        return new SiteConfig(v, gatewayTimeout, seed, shard, entries);
    }

    public SiteConfig withGatewayTimeout(Duration v) {
        return new SiteConfig(layout, v, seed, shard, entries);
    }

    public SiteConfig withSeed(long v) {
        return new SiteConfig(layout, gatewayTimeout, v, shard, entries);
    }

    public SiteConfig withShard(Shard v) {
        return new SiteConfig(layout, gatewayTimeout, seed, v, entries);
    }

    /** Entries for the first meters of a site that has as many meters or more. */
    public SiteConfig withEntries(List<MeterEntry> v) {
        return new SiteConfig(layout, gatewayTimeout, seed, shard, v);
    }

    /** What the config says of meter {@code index} (1-based) of this process. */
    public MeterEntry entry(int index) {
        return index <= entries.size() ? entries.get(index - 1) : MeterEntry.NONE;
    }

    /** Meter {@code index} of this process as a meter of the whole site (1-based). */
    public long siteIndex(int index) {
        return (long) shard.index() * layout.meters() + index;
    }
}
