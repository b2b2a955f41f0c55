package org.pro380.profile;

import java.time.Duration;
import java.util.Objects;
import org.pro380.meter.Load;

/** From {@code offset} into the profile's period on, the load is {@code load} (or moves towards the next point's). */
public record ProfilePoint(Duration offset, Load load) {

    public ProfilePoint {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(load, "load");
    }
}
