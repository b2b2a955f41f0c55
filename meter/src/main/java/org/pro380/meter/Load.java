package org.pro380.meter;

import java.util.List;
import java.util.Objects;
import org.pro380.registers.Phase;

/** The grid frequency and the load on each of the three phases. */
public record Load(double frequency, List<PhaseLoad> phases) {

    public Load {
        if (!Double.isFinite(frequency) || frequency < 45 || frequency > 65) {
            throw new IllegalArgumentException("frequency must be 45..65 Hz, got " + frequency);
        }
        if (phases == null || phases.size() != 3 || phases.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(
                    "phases must list exactly 3 phases, got " + (phases == null ? "none" : phases.size()));
        }
        phases = List.copyOf(phases);
    }

    /** A plausible household at 230 V, 50 Hz: about 4 kW spread unevenly over the phases. */
    public static Load household() {
        return new Load(
                50,
                List.of(
                        PhaseLoad.importing(230, 10, 0.98),
                        PhaseLoad.importing(230, 5, 0.95),
                        PhaseLoad.importing(230, 2, 0.9)));
    }

    public static Load idle(double voltage, double frequency) {
        PhaseLoad none = PhaseLoad.importing(voltage, 0, 1);
        return new Load(frequency, List.of(none, none, none));
    }

    public PhaseLoad phase(Phase phase) {
        return phases.get(phase.ordinal());
    }
}
