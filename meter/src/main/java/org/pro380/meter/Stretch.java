package org.pro380.meter;

/**
 * What the last stretch booked added to the counters, kept for the next stretch of the same
 * length at the same rates: a simulated year books millions of them, mostly alike. One per
 * meter, used under its lock.
 */
final class Stretch {

    private static final long[] NONE = new long[0];

    private EnergyRates rates;
    private long micros = -1;
    private long[] table = NONE;

    /** The table of {@link EnergyRates#stretch} for {@code micros} at {@code at}. */
    long[] of(EnergyRates at, long micros, long microsPerHour) {
        if (at != rates) {
            rates = at;
            table = at.table();
            this.micros = -1;
        }
        if (micros != this.micros) {
            at.stretch(micros, microsPerHour, table);
            this.micros = micros;
        }
        return table;
    }
}
