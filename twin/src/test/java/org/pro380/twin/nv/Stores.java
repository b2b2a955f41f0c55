package org.pro380.twin.nv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pro380.meter.EnergyCounters;
import org.pro380.meter.Settings;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Parity;
import org.pro380.registers.Tariff;

/** States and child processes for the store tests. */
final class Stores {

    private static final int COUNTERS = new EnergyCounters().toArray().length;

    private Stores() {
    }

    /**
     * A state of {@code kWh} kilowatt-hours of total active energy (plus 1 Wh per counter, so that
     * every counter is different) and settings that are not the factory's.
     */
    static StoredState stateOfKwh(long kWh) {
        long[] milli = new long[COUNTERS];
        for (int i = 0; i < milli.length; i++) {
            milli[i] = 1_000L * (i + 1);
        }
        milli[0] += kWh * 1_000_000L;
        Settings settings = new Settings(17, 4800, Parity.ODD, 3, false, Tariff.T2);
        return new StoredState(EnergyCounters.of(milli), settings, (int) (kWh % 60_000));
    }

    /** A JVM running {@link StoreChild} with the given mode on {@code dir}. */
    static Process startChild(String mode, Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                StoreChild.class.getName(), mode, dir.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The child's first line of output, or null when it ended without one. */
    static String firstLine(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        return out.readLine();
    }
}
