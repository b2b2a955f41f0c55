package org.pro380.twin.capture;

/**
 * One link's frames on their way into a capture. A transport takes its tap once per link and
 * hands it the bytes of every frame as they went on the wire; {@link #OFF} (no capture) does
 * nothing, and {@link #on} lets a transport skip making bytes that nobody records.
 */
public interface Tap {

    /** No capture: records nothing. */
    Tap OFF = new Tap() {
        @Override
        public void record(Direction direction, byte[] bytes) {}

        @Override
        public boolean on() {
            return false;
        }
    };

    /**
     * Records {@code bytes}, one frame that went {@code direction} now; never blocks. The bytes
     * are the tap's from then on: the transport hands a new array and changes it no more.
     */
    void record(Direction direction, byte[] bytes);

    /** The same, with what the twin did to the frame on purpose ({@code note}: the faults' names, or empty). */
    default void record(Direction direction, byte[] bytes, String note) {
        record(direction, bytes);
    }

    /** Whether frames are recorded at all. */
    default boolean on() {
        return true;
    }
}
