package org.pro380.twin.source;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pro380.meter.Meter;

/**
 * The meters whose source is stale with {@link StaleMode#SILENT}: they hear no frame, as if
 * their bus were cut, while keeping power and memory. The bus asks {@link #isCut} for every
 * meter a frame may reach, so the usual case (no meter cut) costs one emptiness check.
 */
public final class CutOff {

    private static final Set<Meter> CUT = ConcurrentHashMap.newKeySet();

    private CutOff() {
    }

    public static boolean isCut(Meter meter) {
        return !CUT.isEmpty() && CUT.contains(meter);
    }

    static void cut(Meter meter) {
        CUT.add(meter);
    }

    static void reconnect(Meter meter) {
        CUT.remove(meter);
    }
}
