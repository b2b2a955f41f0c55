package org.pro380.meter;

import java.util.OptionalLong;

/** What one copy of the non-volatile memory (main or backup) held when read at power-on. */
public sealed interface NvCopy permits NvCopy.Missing, NvCopy.Unreadable, NvCopy.Damaged, NvCopy.Intact {

    /** The copy was never written. */
    record Missing() implements NvCopy {}

    /**
     * The copy exists but reading it failed for a reason that is not its content (permission
     * denied, no file descriptors left, an I/O error): what it holds is unknown, so it must not be
     * overwritten until it has been read.
     */
    record Unreadable(String why) implements NvCopy {}

    /**
     * The copy fails its checksum (its bytes are damaged); its total active energy in mWh where the
     * bytes still hold one.
     */
    record Damaged(OptionalLong totalActiveMilli, String why) implements NvCopy {}

    /** The copy passes its checksum. */
    record Intact(long sequence, StoredState state) implements NvCopy {

        public long totalActiveMilli() {
            return state.counters().totalActiveMilli();
        }
    }
}
