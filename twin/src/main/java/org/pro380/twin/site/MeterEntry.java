package org.pro380.twin.site;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pro380.meter.Identity;
import org.pro380.meter.Load;
import org.pro380.meter.Settings;
import org.pro380.twin.profile.Profile;

/**
 * What the config file says of one meter of a site, on top of what the site gives it: changes to
 * its identity and to its settings when its memory is new, its own load (not varied), its own
 * profile (played as it is: not varied, not shifted), and whether it starts with power.
 */
public record MeterEntry(UnaryOperator<Identity> identity, UnaryOperator<Settings> settings, Optional<Load> load,
        boolean powered, Optional<Profile> profile) {

    /** Nothing said: the meter is as the site makes it, and starts with power. */
    public static final MeterEntry NONE = new MeterEntry(UnaryOperator.identity(), UnaryOperator.identity(),
            Optional.empty(), true);

    public MeterEntry {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(profile, "profile");
    }

    /** An entry without a profile of its own. */
    public MeterEntry(UnaryOperator<Identity> identity, UnaryOperator<Settings> settings, Optional<Load> load,
            boolean powered) {
        this(identity, settings, load, powered, Optional.empty());
    }
}
