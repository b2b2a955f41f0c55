package org.pro380.meter;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pro380.registers.Phase;

/**
 * A fault in how the meter is wired to the grid: it changes what the meter measures of the load
 * that really flows, never the load itself. {@link Wiring} works out what the meter then sees.
 */
public sealed interface WiringFault {

    /** Every wiring fault's name, as the control API names it. */
    List<String> NAMES = List.of("reversedCt", "lostPhase", "lostNeutral");

    /** The fault's name in the control API: its type's, lower camel case (reversedCt). */
    default String name() {
        String type = getClass().getSimpleName();
        return Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }

    /** The phases the fault is on; every phase for a lost neutral. */
    Set<Phase> phases();

    /** The current transformers of {@code phases} wired backwards: the meter sees their current reversed. */
    record ReversedCt(Set<Phase> phases) implements WiringFault {
        public ReversedCt {
            phases = someOf("reversedCt", phases);
        }
    }

    /** The conductors of {@code phases} broken before the meter: 0 V and 0 A there. */
    record LostPhase(Set<Phase> phases) implements WiringFault {
        public LostPhase {
            phases = someOf("lostPhase", phases);
        }
    }

    /** The neutral broken before the meter: the loads' star point floats, the phase voltages drift apart. */
    record LostNeutral() implements WiringFault {
        @Override
        public Set<Phase> phases() {
            return EnumSet.allOf(Phase.class);
        }
    }

    /** A wiring fault, and the meter time it wears off at (empty: it stays until cleared). */
    record Active(WiringFault fault, Optional<Instant> until) {
        public Active {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(until, "until");
        }
    }

    private static Set<Phase> someOf(String name, Set<Phase> phases) {
        if (phases == null || phases.isEmpty()) {
            throw new IllegalArgumentException(name + ": phases must name at least one of L1, L2, L3");
        }
        return Set.copyOf(phases);
    }
}
