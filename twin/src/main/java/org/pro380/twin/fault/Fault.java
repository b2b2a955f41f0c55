package org.pro380.twin.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pro380.meter.WiringFault;

/**
 * What a faulty meter or bus does to one reply, named as the control API and {@code --fault}
 * name it (docs/faults.md). Which transport frames which fault, and which it leaves alone, is in
 * {@link ReplyFaults}.
 */
public sealed interface Fault {

    /** Every fault's name, in the order the docs list them. */
    List<String> NAMES = List.of(
            "drop",
            "delay",
            "exception",
            "corruptCrc",
            "corruptLength",
            "wrongUnit",
            "wrongFunction",
            "truncate",
            "extraBytes",
            "garbage",
            "wrongTransaction",
            "split",
            "stuck",
            "disconnect");

    /** The line faults of an RTU bus (all its meters), in the order the docs list them. */
    List<String> LINE_NAMES = List.of("noise", "swappedAB");

    /** The exception codes a faulty meter may answer: 01, 02, 03, 04 and 06 (busy). */
    List<Integer> EXCEPTION_CODES = List.of(1, 2, 3, 4, 6);

    /** The fault's name in the API: its type's name, lower camel case (corruptCrc). */
    default String name() {
        String type = getClass().getSimpleName();
        return Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }

    /** No reply: the meter took the request (a write is done), its reply is lost. */
    record Drop() implements Fault {}

    /** The reply held back {@code min} to {@code max} (uniformly; equal for a fixed delay). */
    record Delay(Duration min, Duration max) implements Fault {
        public Delay {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("delay: min must be >= 0 and max >= min, got " + min.toMillis()
                        + "ms.." + max.toMillis() + "ms");
            }
        }
    }

    /** Exception {@code code} instead of the reply; the meter does not take the request. */
    record Exception(int code) implements Fault {
        public Exception {
            if (!EXCEPTION_CODES.contains(code)) {
                throw new IllegalArgumentException("exception: code must be one of 1, 2, 3, 4, 6, got " + code);
            }
        }
    }

    /** An RTU reply whose CRC fails. */
    record CorruptCrc() implements Fault {}

    /** A Modbus TCP reply whose MBAP length disagrees with the bytes that follow. */
    record CorruptLength() implements Fault {}

    /** A well-formed reply from another unit id. */
    record WrongUnit() implements Fault {}

    /** A well-formed reply with another function code. */
    record WrongFunction() implements Fault {}

    /** The reply cut short: its second half never comes. */
    record Truncate() implements Fault {}

    /** Bytes after the reply. */
    record ExtraBytes() implements Fault {}

    /** Noise before the reply, as a badly grounded line picks up. */
    record Garbage() implements Fault {}

    /** A Modbus TCP reply whose MBAP transaction id is not the request's. */
    record WrongTransaction() implements Fault {}

    /**
     * The reply sent in two parts, {@code gap} apart (empty: 3.5 characters at the line's baud,
     * longer than the 1.5 a strict RTU master allows inside a frame).
     */
    record Split(Optional<Duration> gap) implements Fault {
        public Split {
            if (gap.isPresent() && gap.get().isNegative()) {
                throw new IllegalArgumentException("split: gap must be >= 0");
            }
        }
    }

    /** A hung meter: reads answer the registers as they were when the fault was set. */
    record Stuck() implements Fault {}

    /** The TCP connection closed instead of the reply. */
    record Disconnect() implements Fault {}

    /** What a noisy line injects: random bytes, or zero bytes (a line pulled low). */
    enum NoiseBytes {
        RANDOM,
        ZERO
    }

    /** A line fault: {@code bytes} injected into frames on the line, requests and replies. */
    record Noise(NoiseBytes bytes) implements Fault {}

    /** A line fault: the bus's A and B wires swapped, every bit inverted, nothing understood. */
    record SwappedAB() implements Fault {}

    /** Whether this fault is of a whole RTU line rather than one meter's replies. */
    default boolean onLine() {
        return this instanceof Noise || this instanceof SwappedAB;
    }

    /** A wiring fault (docs/faults.md): it changes what the meter measures, never a reply. */
    record Wiring(WiringFault wiring) implements Fault {
        @Override
        public String name() {
            return wiring.name();
        }
    }
}
