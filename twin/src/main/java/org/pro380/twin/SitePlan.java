package org.pro380.twin;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.pro380.meter.Load;
import org.pro380.profile.FleetProfiles;
import org.pro380.profile.FleetVariation;
import org.pro380.profile.Profile;
import org.pro380.profile.ProfileSchedule;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.fault.FaultFlag;
import org.pro380.twin.fault.FaultRule;
import org.pro380.twin.fault.MeterFaults;
import org.pro380.twin.site.MeterEntry;
import org.pro380.twin.site.SiteConfig;
import org.pro380.twin.source.SourceSpec;

/**
 * What each meter k of a site is given by the twin's config: the site's values varied for it
 * ({@link FleetVariation}), under what the config file says of meter k itself ({@link MeterEntry}).
 * The same config gives every run the same meters.
 */
final class SitePlan {

    private final TwinConfig config;
    private final SiteConfig site;

    SitePlan(TwinConfig config) {
        this.config = config;
        this.site = config.site();
    }

    /** The bus meter k is wired to. */
    int bus(int k) {
        return site.layout().bus(k);
    }

    /** Meter k's identity: the site's, with serial number (configured + place in the site - 1). */
    Identity identity(int k) {
        Identity base = config.identity();
        return site.entry(k)
                .identity()
                .apply(base.withSerialNumber(FleetVariation.serialNumber(base.serialNumber(), site.siteIndex(k))));
    }

    /** The settings of meter k whose memory is new: the configured ones, with unit id (configured + position - 1). */
    Settings factorySettings(int k) {
        Settings s = config.factorySettings();
        return site.entry(k)
                .settings()
                .apply(s.withUnitId(s.unitId() + site.layout().unitId(k) - 1));
    }

    /** Whether meter k starts with power. */
    boolean powered(int k) {
        return site.entry(k).powered();
    }

    /** Meter k's load when it plays no profile: its own in the config, else the site's varied for it. */
    Load fixedLoad(int k) {
        return site.entry(k)
                .load()
                .orElseGet(() -> FleetVariation.load(config.initialLoad(), site.siteIndex(k), site.seed()));
    }

    /**
     * Meter k's own profile as it is, else the site's as meter k plays it, if there is one and
     * meter k mirrors no source of its own.
     */
    Optional<ProfileSchedule> startingSchedule(int k) {
        MeterEntry own = site.entry(k);
        return own.profile()
                .map(ProfileSchedule::of)
                .or(() -> own.source().isPresent()
                        ? Optional.empty()
                        : config.profile().map(p -> fleetSchedule(k, p)));
    }

    /** {@code profile} as meter k of the site plays it: varied and shifted by the site's seed. */
    ProfileSchedule fleetSchedule(int k, Profile profile) {
        return FleetProfiles.schedule(profile, site.siteIndex(k), site.seed());
    }

    /** Meter k's faults, none active yet, drawn from a generator of its own. */
    MeterFaults faults(int k, Clock clock) {
        return new MeterFaults(clock, new SplittableRandom(site.seed() * 31 + k));
    }

    /** Bus b's line faults, none active yet, drawn from a generator of its own. */
    MeterFaults lineFaults(int b, Clock clock) {
        return new MeterFaults(clock, new SplittableRandom(site.seed() * 37 - b));
    }

    /**
     * The faults the config gives meter k ({@code onLine} false) or bus k ({@code onLine} true):
     * given once the meters are powered, so that a stuck meter freezes what it shows then and a
     * wiring fault reaches its meter.
     */
    List<FaultRule> startingFaults(boolean onLine, int k) {
        return config.faults().stream()
                .filter(f -> f.onLine() == onLine && f.appliesTo(k))
                .map(FaultFlag::rule)
                .toList();
    }

    /** What meter k mirrors: its own source, or the twin's unless it has a profile of its own. */
    Optional<SourceSpec> source(int k) {
        MeterEntry own = site.entry(k);
        return own.source().or(() -> own.profile().isPresent() ? Optional.empty() : config.source());
    }
}
