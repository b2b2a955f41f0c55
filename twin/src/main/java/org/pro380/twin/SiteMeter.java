package org.pro380.twin;

import java.util.Optional;
import org.pro380.meter.StorageError;
import org.pro380.profile.Profile;
import org.pro380.profile.ProfileSchedule;
import org.pro380.twin.fault.MeterFaults;
import org.pro380.twin.source.SourceState;
import org.pro380.twin.traffic.TrafficLog;

/** One meter of a {@link TwinSite}: what can be done to it, and where it sits on the site. */
public interface SiteMeter extends TwinControl {

    /** 1-based place of the meter in the site. */
    int index();

    /** 1-based bus the meter is wired to. */
    int bus();

    /** The profile the meter plays, and where in it; empty while its load is a fixed one. */
    default Optional<ProfileSchedule> profile() {
        return Optional.empty();
    }

    /** How the meter's source is doing, if it mirrors one (docs/mirror.md); empty when it does not. */
    default Optional<SourceState> source() {
        return Optional.empty();
    }

    /** The faults the meter shows on the bus (docs/faults.md). */
    default MeterFaults faults() {
        throw new UnsupportedOperationException("this meter has no faults");
    }

    /** The meter's last frames and what they counted (docs/capture.md); empty for a meter on no bus. */
    default TrafficLog traffic() {
        return new TrafficLog();
    }

    /** The storage fault the meter's next power-on finds (docs/faults.md), if one was given. */
    default Optional<StorageError> storageFault() {
        return Optional.empty();
    }

    /** Gives the meter's next power-on {@code fault}, or (empty) none. */
    default void setStorageFault(Optional<StorageError> fault) {
        throw new UnsupportedOperationException("this meter has no memory to damage");
    }

    /** Plays {@code profile} from now on, or (empty) goes back to the meter's fixed load. */
    default void setProfile(Optional<Profile> profile) {
        throw new UnsupportedOperationException("this meter cannot play a profile");
    }
}
