package org.pro380.twin.site;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pro380.meter.Load;
import org.pro380.profile.Profile;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.source.SourceSpec;

/**
 * What the config file says of one meter of a site, on top of what the site gives it: changes to
 * its identity and to its settings when its memory is new, its own load (not varied), whether it
 * starts with power, and where its load comes from if not from the site: its own profile (played
 * as it is: not varied, not shifted) or the source it mirrors, one or the other.
 */
public record MeterEntry(
        UnaryOperator<Identity> identity,
        UnaryOperator<Settings> settings,
        Optional<Load> load,
        boolean powered,
        Optional<SourceSpec> source,
        Optional<Profile> profile) {

    /** Nothing said: the meter is as the site makes it, and starts with power. */
    public static final MeterEntry NONE =
            new MeterEntry(UnaryOperator.identity(), UnaryOperator.identity(), Optional.empty(), true);

    public MeterEntry {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(profile, "profile");
        if (source.isPresent() && profile.isPresent()) {
            throw new IllegalArgumentException("a meter takes its load from a profile or from a source, not both");
        }
    }

    /** An entry with neither a profile nor a source of its own. */
    public MeterEntry(
            UnaryOperator<Identity> identity, UnaryOperator<Settings> settings, Optional<Load> load, boolean powered) {
        this(identity, settings, load, powered, Optional.empty(), Optional.empty());
    }

    public MeterEntry withSource(Optional<SourceSpec> v) {
        return new MeterEntry(identity, settings, load, powered, v, profile);
    }
}
