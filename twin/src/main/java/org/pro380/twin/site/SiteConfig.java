package org.pro380.twin.site;

import java.time.Duration;
import java.util.Objects;

/**
 * How many meters a twin process runs and how they sit on buses and behind gateways.
 *
 * @param layout the meters and their buses
 * @param gatewayTimeout how long a Modbus TCP bus port waits for a silent unit before it answers
 *     exception 0x0B, as a gateway does (0: at once, so that scans stay fast)
 * @param seed the seed of the meters' varied loads ({@link FleetVariation})
 */
public record SiteConfig(SiteLayout layout, Duration gatewayTimeout, long seed) {

    /** A gateway that waits longer than this for a meter would hold its master for nothing. */
    public static final Duration MAX_GATEWAY_TIMEOUT = Duration.ofSeconds(60);

    public SiteConfig {
        Objects.requireNonNull(layout, "layout");
        if (gatewayTimeout.isNegative() || gatewayTimeout.compareTo(MAX_GATEWAY_TIMEOUT) > 0) {
            throw new IllegalArgumentException("gateway timeout must be 0..60000 ms, got " + gatewayTimeout.toMillis()
                    + " ms");
        }
    }

    /** One meter, answering at once: the twin as it always was. */
    public static SiteConfig single() {
        return new SiteConfig(SiteLayout.of(1), Duration.ZERO, FleetVariation.DEFAULT_SEED);
    }

    public SiteConfig withLayout(SiteLayout v) {
        return new SiteConfig(v, gatewayTimeout, seed);
    }

    public SiteConfig withGatewayTimeout(Duration v) {
        return new SiteConfig(layout, v, seed);
    }

    public SiteConfig withSeed(long v) {
        return new SiteConfig(layout, gatewayTimeout, v);
    }
}
