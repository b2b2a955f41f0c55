package org.pro380.twin.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.TwinSite;
import org.pro380.twin.bus.BusCounters;
import org.pro380.twin.traffic.TrafficLog;

/**
 * What one meter was asked and did, from its bus's counters and its traffic log: requests by
 * function code and exception replies by code ("other" for the rest), CRC errors in frames for
 * it, frames for it that it did not take, faults applied by name.
 */
record MeterCounters(
        Map<String, Long> requests,
        Map<String, Long> exceptions,
        long crcErrors,
        long ignored,
        Map<String, Long> faultsApplied) {

    static final String OTHER = "other";

    /** Meter {@code meter}'s counters, at {@code place} (0-based) on its bus. */
    static MeterCounters of(BusCounters bus, int place, TrafficLog traffic) {
        Map<String, Long> requests = new LinkedHashMap<>();
        for (int code : codes(BusCounters.FUNCTIONS)) {
            requests.put(name(code), bus.requests(place, code));
        }
        Map<String, Long> exceptions = new LinkedHashMap<>();
        for (int code : codes(BusCounters.EXCEPTIONS)) {
            exceptions.put(name(code), bus.exceptions(place, code));
        }
        TrafficLog.Counts counts = traffic.counts();
        return new MeterCounters(
                requests, exceptions, counts.crcErrors(), bus.ignored(place), new TreeMap<>(counts.faultsApplied()));
    }

    /** {@code meter}'s counters on {@code site}. */
    static MeterCounters of(TwinSite site, SiteMeter meter) {
        int place = 0;
        for (SiteMeter m : site.meters()) {
            if (m.bus() == meter.bus() && m.index() < meter.index()) {
                place++;
            }
        }
        return of(site.buses().get(meter.bus() - 1).counters(), place, meter.traffic());
    }

    /** The codes counted on their own, then -1 for the others. */
    static int[] codes(List<Integer> counted) {
        int[] codes = new int[counted.size() + 1];
        for (int i = 0; i < counted.size(); i++) {
            codes[i] = counted.get(i);
        }
        codes[counted.size()] = -1;
        return codes;
    }

    static String name(int code) {
        return code < 0 ? OTHER : Integer.toString(code);
    }
}
