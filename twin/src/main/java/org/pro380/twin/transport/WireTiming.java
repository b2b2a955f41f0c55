package org.pro380.twin.transport;

import java.time.Duration;
import java.util.Objects;
import org.pro380.protocol.LineSettings;

/**
 * Whether RTU replies are held back as long as a real RS485 line would take to carry them.
 * Bytes over TCP or a pseudo-terminal arrive at once; with timing on, a reply is released when
 * its last byte would have arrived on the line:
 * <pre>
 * request on the line | 3.5-char gap | turnaround | reply on the line
 * 8 x 11 bit @ 9600   | 4.01 ms      | 5 ms       | 17 x 11 bit @ 9600   = 37.66 ms
 * </pre>
 */
public final class WireTiming {

    private static final WireTiming OFF = new WireTiming(false, Duration.ZERO, false);

    private final boolean on;
    private final Duration turnaround;
    private final boolean physicalLine;

    private WireTiming(boolean on, Duration turnaround, boolean physicalLine) {
        this.on = on;
        this.turnaround = turnaround;
        this.physicalLine = physicalLine;
    }

    /** Replies leave as soon as they are ready. */
    public static WireTiming off() {
        return OFF;
    }

    /** Replies are delayed as on a real line; {@code turnaround} is the meter's think time, >= 0. */
    public static WireTiming of(Duration turnaround) {
        Objects.requireNonNull(turnaround, "turnaround");
        if (turnaround.isNegative()) {
            throw new IllegalArgumentException("turnaround must be >= 0, got " + turnaround);
        }
        return new WireTiming(true, turnaround, false);
    }

    /**
     * The same timing on a real serial line, whose own baud already spends the request's and the
     * reply's transmission time: only the 3.5-character gap and the turnaround are added.
     */
    public WireTiming onPhysicalLine() {
        return on ? new WireTiming(true, turnaround, true) : this;
    }

    public boolean enabled() {
        return on;
    }

    /** How long after a request's arrival its reply is released; zero when timing is off. */
    public Duration replyDelay(LineSettings line, int requestBytes, int replyBytes) {
        if (!on) {
            return Duration.ZERO;
        }
        Duration gapAndTurnaround = Duration.ofNanos(line.interFrameGapNanos()).plus(turnaround);
        if (physicalLine) {
            return gapAndTurnaround;
        }
        return gapAndTurnaround.plusNanos(line.frameNanos(requestBytes) + line.frameNanos(replyBytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireTiming t
                && on == t.on
                && turnaround.equals(t.turnaround)
                && physicalLine == t.physicalLine;
    }

    @Override
    public int hashCode() {
        return Objects.hash(on, turnaround, physicalLine);
    }

    @Override
    public String toString() {
        return on ? "wire timing on, turnaround " + turnaround.toMillis() + " ms" : "wire timing off";
    }
}
