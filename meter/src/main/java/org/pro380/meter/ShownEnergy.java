package org.pro380.meter;

/** Which energy counters the meter shows on its registers, LCD and LED count. */
public enum ShownEnergy {
    /** What it has counted up to now: a meter whose memory cannot fail. */
    COUNTED,
    /**
     * What its non-volatile memory holds (the last save that reached a copy), so that no power
     * cut, crash or kill can make a counter anyone has seen go down: the next power-on resumes
     * from a copy at least as new.
     */
    SAVED
}
