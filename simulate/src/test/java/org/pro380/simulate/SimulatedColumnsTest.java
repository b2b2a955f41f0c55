package org.pro380.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pro380.meter.EnergyCounters;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;

/** A row's energy columns, summed from the counters read once, are what the meter's registers show. */
class SimulatedColumnsTest {

    @Test
    void eachEnergyColumnIsItsRegistersValue() {
        long[] milli = new long[SimulatedColumns.COUNTERS];
        for (int i = 0; i < milli.length; i++) {
            milli[i] = 1_000_003L * (i + 1) * (i + 7); // every counter different
        }
        EnergyCounters meter = EnergyCounters.of(milli);
        long[] columns = new long[SimulatedColumns.ALL.size()];

        SimulatedColumns.energyInto(meter, new long[SimulatedColumns.COUNTERS], columns);

        assertThat(SimulatedColumns.ALL).hasSize(24);
        for (int c = 0; c < columns.length; c++) {
            Register<?> r = SimulatedColumns.ALL.get(c);
            if (r.meaning() instanceof Meaning.Energy e) {
                assertThat(columns[c]).as(r.key()).isEqualTo(meter.milli(e.kind(), e.flow(), e.scope()));
            } else {
                assertThat(columns[c]).as(r.key()).isZero();
            }
        }
    }

    @Test
    void aTotalOfAllTariffsIsTheSumOfItsTariffsColumns() {
        long[] milli = new long[SimulatedColumns.COUNTERS];
        for (int i = 0; i < milli.length; i++) {
            milli[i] = 1_000_003L * (i + 1) * (i + 7);
        }
        EnergyCounters meter = EnergyCounters.of(milli);
        long[] columns = new long[SimulatedColumns.ALL.size()];
        SimulatedColumns.energyInto(meter, new long[SimulatedColumns.COUNTERS], columns);

        int summed = 0;
        for (int c = 0; c < columns.length; c++) {
            int[] parts = SimulatedColumns.PARTS[c];
            if (parts.length > 0) {
                summed++;
                assertThat(Arrays.stream(parts).mapToLong(p -> columns[p]).sum())
                        .as(SimulatedColumns.ALL.get(c).key())
                        .isEqualTo(columns[c]);
            }
        }
        assertThat(summed).as("active and reactive, forward and reverse").isEqualTo(4);
    }
}
