package org.pro380.twin.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One active fault and when it applies: with {@code probability} (0..1) to requests of one of
 * {@code functions} (empty: any) that touch {@code registers} (empty: any), for the next
 * {@code count} times it applies or for {@code lasting} from when it was set, then it clears
 * itself (neither: until cleared).
 */
public record FaultRule(
        Fault fault,
        double probability,
        Set<Integer> functions,
        Optional<Registers> registers,
        OptionalInt count,
        Optional<Duration> lasting) {

    /** The registers {@code from} to {@code to} (inclusive) a request must touch. */
    public record Registers(int from, int to) {
        public Registers {
            if (from < 0 || to > 0xFFFF || to < from) {
                throw new IllegalArgumentException(
                        "registers: from and to must be 0..65535 with from <= to, got " + from + ".." + to);
            }
        }

        boolean overlap(int address, int quantity) {
            return address <= to && address + quantity - 1 >= from;
        }
    }

    public FaultRule {
        Objects.requireNonNull(fault, "fault");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(fault.name() + ": probability must be 0..1, got " + probability);
        }
        functions = Set.copyOf(functions);
        for (int f : functions) {
            if (f < 1 || f > 127) {
                throw new IllegalArgumentException(fault.name() + ": function codes are 1..127, got " + f);
            }
        }
        if (count.isPresent() && count.getAsInt() < 1) {
            throw new IllegalArgumentException(fault.name() + ": count must be 1 or more, got " + count.getAsInt());
        }
        if (lasting.isPresent() && (lasting.get().isNegative() || lasting.get().isZero())) {
            throw new IllegalArgumentException(fault.name() + ": for must be above 0");
        }
        if (count.isPresent() && lasting.isPresent()) {
            throw new IllegalArgumentException(fault.name() + ": give count or for, not both");
        }
    }

    /** {@code fault} on every request, until cleared. */
    public static FaultRule always(Fault fault) {
        return new FaultRule(fault, 1, Set.of(), Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    /** Whether the request PDU {@code pdu} is one this rule's filters let through. */
    boolean matches(byte[] pdu) {
        if (functions.isEmpty() && registers.isEmpty()) {
            return true; // also a line's bytes, which are no PDU
        }
        if (pdu.length == 0) {
            return false;
        }
        int function = pdu[0] & 0xFF;
        if (!functions.isEmpty() && !functions.contains(function)) {
            return false;
        }
        if (registers.isEmpty()) {
            return true;
        }
        if (pdu.length < 5 || (function != 0x03 && function != 0x04 && function != 0x06 && function != 0x10)) {
            return false; // a request without an address touches no register
        }
        int address = (pdu[1] & 0xFF) << 8 | pdu[2] & 0xFF;
        int quantity = function == 0x06 ? 1 : (pdu[3] & 0xFF) << 8 | pdu[4] & 0xFF;
        return registers.get().overlap(address, Math.max(quantity, 1));
    }
}
