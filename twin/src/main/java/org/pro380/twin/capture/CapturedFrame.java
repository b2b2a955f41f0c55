package org.pro380.twin.capture;

import java.util.Objects;

/**
 * One frame as it was on the wire: the bytes of an RTU frame (with its CRC) or of an MBAP frame.
 *
 * @param epochMicros when it was sent or received, in microseconds since 1970 (wall time, not meter time)
 * @param note what the twin did to it (a fault's name), or empty; shown as the packet's comment
 */
public record CapturedFrame(long epochMicros, Link link, Direction direction, byte[] bytes, String note) {

    public CapturedFrame {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(direction, "direction");
        bytes = bytes.clone();
        note = note == null ? "" : note;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    int length() {
        return bytes.length;
    }

    byte[] bytesUnsafe() {
        return bytes;
    }
}
