package org.pro380.twin.scenario;

import java.util.List;
import java.util.Optional;
import org.pro380.meter.Load;
import org.pro380.meter.StorageError;
import org.pro380.meter.TariffInput;
import org.pro380.profile.Profile;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.fault.FaultRule;

/**
 * One thing a scenario's step does to a meter, as a person at the meter or the control API would
 * do it. {@link #name} is the step's key in the scenario file.
 */
public sealed interface Action {

    /** The step's key, e.g. {@code "faults"}. */
    String name();

    /** Does it to {@code meter}. */
    void applyTo(SiteMeter meter);

    /** The load the meter measures from now on (the body of {@code PUT /api/load}). */
    record SetLoad(Load load) implements Action {
        @Override
        public String name() {
            return "load";
        }

        @Override
        public void applyTo(SiteMeter meter) {
            meter.setLoad(load);
        }
    }

    /** A profile played from now on, or (empty) back to the meter's fixed load. */
    record PlayProfile(Optional<Profile> profile) implements Action {
        @Override
        public String name() {
            return "profile";
        }

        @Override
        public void applyTo(SiteMeter meter) {
            meter.setProfile(profile);
        }
    }

    /** The 12 V tariff input: T2, T3 held, or none. */
    record SetTariffInput(TariffInput input) implements Action {
        @Override
        public String name() {
            return "tariffInput";
        }

        @Override
        public void applyTo(SiteMeter meter) {
            meter.setTariffInput(input);
        }
    }

    /** The meter's active faults replaced by these (reply and wiring faults; none clears them). */
    record ReplaceFaults(List<FaultRule> faults) implements Action {
        public ReplaceFaults {
            faults = List.copyOf(faults);
        }

        @Override
        public String name() {
            return "faults";
        }

        @Override
        public void applyTo(SiteMeter meter) {
            meter.faults().replace(faults);
        }
    }

    /** The storage fault the meter's next power-on finds, or (empty) none. */
    record SetStorageFault(Optional<StorageError> fault) implements Action {
        @Override
        public String name() {
            return "storageFault";
        }

        @Override
        public void applyTo(SiteMeter meter) {
            meter.setStorageFault(fault);
        }
    }

    /** Power off (saved, then silent) or on (memory checked). */
    record SetPower(boolean on) implements Action {
        @Override
        public String name() {
            return "power";
        }

        @Override
        public void applyTo(SiteMeter meter) {
            meter.setPower(on);
        }
    }
}
