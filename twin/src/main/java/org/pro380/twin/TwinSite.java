package org.pro380.twin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.scenario.ScenarioRunner;

/**
 * A running site as the control API sees it: its meters, meter k at index k - 1. Meter 1 is the
 * one the single-meter calls ({@code /api/state}, ...) act on.
 */
public interface TwinSite {

    /** Every meter of the site, at least one, meter k at index k - 1. */
    List<? extends SiteMeter> meters();

    /** The site's buses, bus b at index b - 1, for their counters on /metrics; none where a site has no buses. */
    default List<Bus> buses() {
        return List.of();
    }

    /** What plays scenarios on the site (docs/scenarios.md); empty where a site cannot play them. */
    default Optional<ScenarioRunner> scenarios() {
        return Optional.empty();
    }

    /** The capture file being written ({@code --capture}), if any. */
    default Optional<Path> captureFile() {
        return Optional.empty();
    }
}
