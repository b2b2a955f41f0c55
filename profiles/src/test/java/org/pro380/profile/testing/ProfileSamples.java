package org.pro380.profile.testing;

import java.util.List;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;

/** Points of profiles as tests write them: the same current on three phases at 230 V, as a load, a CSV row or a JSON point. */
public final class ProfileSamples {

    /** The CSV header without the optional frequency column, written out as docs/profiles.md shows it. */
    public static final String HEADER = "offset,l1_voltage,l1_current,l1_power_factor,l1_export,l1_capacitive,"
            + "l2_voltage,l2_current,l2_power_factor,l2_export,l2_capacitive,"
            + "l3_voltage,l3_current,l3_power_factor,l3_export,l3_capacitive";

    private ProfileSamples() {}

    public static Load amps(double current) {
        PhaseLoad p = PhaseLoad.importing(230, current, 1);
        return new Load(50, List.of(p, p, p));
    }

    public static Load exporting(double current) {
        PhaseLoad p = new PhaseLoad(230, current, 1, true, false);
        return new Load(50, List.of(p, p, p));
    }

    /** A CSV row at {@code offset} with {@code current} (any text, to test bad cells) on every phase. */
    public static String row(String offset, String current) {
        return offset + ",230," + current + ",1,false,false,230," + current + ",1,false,false,230," + current
                + ",1,false,false";
    }

    /** A JSON point at {@code at}; L2 exports. */
    public static String point(String at, double current) {
        return "{\"at\": " + at + ", \"frequency\": 50, \"phases\": ["
                + "{\"voltage\": 230, \"current\": " + current + ", \"powerFactor\": 1},"
                + "{\"voltage\": 230, \"current\": " + current + ", \"powerFactor\": 1, \"export\": true},"
                + "{\"voltage\": 230, \"current\": " + current + ", \"powerFactor\": 1}]}";
    }
}
