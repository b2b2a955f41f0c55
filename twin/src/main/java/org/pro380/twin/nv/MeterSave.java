package org.pro380.twin.nv;

import java.util.Objects;
import org.pro380.meter.StoredState;

/** What one save round does with one meter's records: write a new state, or keep them as they are. */
public sealed interface MeterSave permits MeterSave.Write, MeterSave.Keep {

    /** The meter's next state, saved at its next sequence number. */
    static MeterSave of(long sequence, StoredState state) {
        return new Write(sequence, state);
    }

    /** The meter's records stay as they are (its memory could not be read, so nothing goes over it). */
    static MeterSave keep() {
        return Keep.KEEP;
    }

    record Write(long sequence, StoredState state) implements MeterSave {
        public Write {
            Objects.requireNonNull(state);
        }
    }

    enum Keep implements MeterSave {
        KEEP
    }
}
