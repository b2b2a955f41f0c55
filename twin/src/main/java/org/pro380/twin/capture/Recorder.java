package org.pro380.twin.capture;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Where the transports of a twin record their frames: a {@link Capture}, or nowhere ({@link #OFF}). */
@FunctionalInterface
public interface Recorder {

    /** No capture configured: every link's tap is {@link Tap#OFF}. */
    Recorder OFF = link -> Tap.OFF;

    /** The tap of one link, for all its frames. */
    Tap tap(Link link);

    /** Into {@code capture}, each frame stamped with {@code clock}'s time (wall time, not meter time). */
    static Recorder into(Capture capture, Clock clock) {
        return link -> new Tap() {
            @Override
            public void record(Direction direction, byte[] bytes) {
                record(direction, bytes, "");
            }

            @Override
            public void record(Direction direction, byte[] bytes, String note) {
                capture.record(new CapturedFrame(
                        ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()), link, direction, bytes, note));
            }
        };
    }
}
