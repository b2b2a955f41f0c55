package org.pro380.protocol;

import java.util.Objects;

/**
 * Baud and parity of an RS485 line (8 data bits and 1 stop bit are fixed, spec section 2), and
 * its timing per Modbus over Serial Line. At 9600 8E1 a character takes 11 bits = 1,145,833 ns
 * and a frame ends after 3.5 characters of silence; above 19200 baud the gap is fixed at 1.75 ms
 * (and the inter-character limit at 0.75 ms). The twin's ports and the client's both use it.
 *
 * @param baud bits per second, positive
 * @param parity even (the meter's default), none or odd; sets the bits per character
 */
public record LineSettings(int baud, Parity parity) {
    /** The meter's factory settings: 9600 8E1. */
    public static final LineSettings FACTORY = new LineSettings(9600, Parity.EVEN);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int FIXED_TIMING_ABOVE_BAUD = 19_200;

    public LineSettings {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be > 0, got " + baud);
        }
        Objects.requireNonNull(parity, "parity");
    }

    /** Time of one character on the line: bitsPerCharacter * 1e9 / baud, rounded down. */
    public long characterNanos() {
        return parity.bitsPerCharacter() * NANOS_PER_SECOND / baud;
    }

    /** Time of {@code bytes} characters sent back to back. */
    public long frameNanos(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes " + bytes + " (expected >= 0)");
        }
        return bytes * characterNanos();
    }

    /** Silence that ends a frame: 3.5 characters; fixed 1,750,000 ns when baud > 19200. */
    public long interFrameGapNanos() {
        return baud > FIXED_TIMING_ABOVE_BAUD ? 1_750_000L : charactersNanos(7);
    }

    /** Longest silence allowed inside a frame: 1.5 characters; fixed 750,000 ns when baud > 19200. */
    public long interCharacterTimeoutNanos() {
        return baud > FIXED_TIMING_ABOVE_BAUD ? 750_000L : charactersNanos(3);
    }

    private long charactersNanos(int halves) {
        return halves * parity.bitsPerCharacter() * NANOS_PER_SECOND / (2L * baud);
    }

    /** "9600 8E1". */
    @Override
    public String toString() {
        return baud + " 8" + parity.name().charAt(0) + "1";
    }

    // equals and hashCode written out: a record's generated ones are an invokedynamic whose first
    // call builds method handles, 50 to 90 ms of a twin's start (docs/benchmarks.md, "Where a start goes")
    @Override
    public boolean equals(Object o) {
        return o instanceof LineSettings other && baud == other.baud && parity == other.parity;
    }

    @Override
    public int hashCode() {
        return 31 * baud + parity.hashCode();
    }
}
