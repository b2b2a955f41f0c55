package org.pro380.twin.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.TwinSite;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.BusCounters;

/**
 * {@code GET /metrics}: what the twin's meters were asked, in Prometheus's text format
 * (docs/metrics.md). Site totals by function and exception code always; per meter only the
 * counts above zero, so a site of thousands of meters that were never asked stays small.
 */
final class TwinMetrics {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String CRC_ERRORS = "pro380_twin_meter_crc_errors_total";
    private static final String IGNORED = "pro380_twin_meter_ignored_frames_total";
    private static final String FAULTS_APPLIED = "pro380_twin_meter_faults_applied_total";

    private TwinMetrics() {}

    static ApiResponse of(TwinSite site) {
        return new ApiResponse(200, CONTENT_TYPE, text(site).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static String text(TwinSite site) {
        List<Bus> buses = site.buses();
        int[] functions = MeterCounters.codes(BusCounters.FUNCTIONS);
        int[] exceptions = MeterCounters.codes(BusCounters.EXCEPTIONS);
        long[] requestTotals = new long[functions.length];
        long[] exceptionTotals = new long[exceptions.length];
        StringBuilder perMeterRequests = new StringBuilder();
        StringBuilder perMeterExceptions = new StringBuilder();
        StringBuilder crcErrors = new StringBuilder();
        StringBuilder ignored = new StringBuilder();
        StringBuilder faults = new StringBuilder();
        int[] placeOnBus = new int[buses.size()];
        for (SiteMeter m : site.meters()) {
            if (m.bus() > buses.size()) {
                continue;
            }
            BusCounters counters = buses.get(m.bus() - 1).counters();
            int place = placeOnBus[m.bus() - 1]++;
            String where = "meter=\"" + m.index() + "\",bus=\"" + m.bus() + "\",";
            for (int i = 0; i < functions.length; i++) {
                long n = counters.requests(place, functions[i]);
                requestTotals[i] += n;
                sample(
                        perMeterRequests,
                        "pro380_twin_meter_requests_total",
                        where + "function=\"" + MeterCounters.name(functions[i]) + "\"",
                        n);
            }
            MeterCounters own = MeterCounters.of(counters, place, m.traffic());
            String meter = where.substring(0, where.length() - 1);
            sample(crcErrors, CRC_ERRORS, meter, own.crcErrors());
            sample(ignored, IGNORED, meter, own.ignored());
            own.faultsApplied()
                    .forEach((fault, n) -> sample(faults, FAULTS_APPLIED, where + "fault=\"" + fault + "\"", n));
            for (int i = 0; i < exceptions.length; i++) {
                long n = counters.exceptions(place, exceptions[i]);
                exceptionTotals[i] += n;
                sample(
                        perMeterExceptions,
                        "pro380_twin_meter_exceptions_total",
                        where + "code=\"" + MeterCounters.name(exceptions[i]) + "\"",
                        n);
            }
        }
        StringBuilder out = new StringBuilder();
        header(out, "pro380_twin_meters", "gauge", "meters on the site");
        out.append("pro380_twin_meters ").append(site.meters().size()).append('\n');
        header(
                out,
                "pro380_twin_requests_total",
                "counter",
                "requests the site's meters took, by function code (\"other\": any function the meter does not know)");
        totals(out, "pro380_twin_requests_total", "function", functions, requestTotals);
        header(
                out,
                "pro380_twin_exceptions_total",
                "counter",
                "exception replies of the site's meters, by exception code");
        totals(out, "pro380_twin_exceptions_total", "code", exceptions, exceptionTotals);
        header(
                out,
                "pro380_twin_meter_requests_total",
                "counter",
                "requests meter k took, by function code (counts above 0)");
        out.append(perMeterRequests);
        header(
                out,
                "pro380_twin_meter_exceptions_total",
                "counter",
                "exception replies of meter k, by exception code (counts above 0)");
        out.append(perMeterExceptions);
        header(out, CRC_ERRORS, "counter", "frames for meter k whose CRC failed (RTU; counts above 0)");
        out.append(crcErrors);
        header(
                out,
                IGNORED,
                "counter",
                "frames for meter k's unit id it did not take: no power, other line settings (counts above 0)");
        out.append(ignored);
        header(out, FAULTS_APPLIED, "counter", "faults applied to meter k's replies, by fault (counts above 0)");
        out.append(faults);
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help.replace("\\", "\\\\"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void totals(StringBuilder out, String name, String label, int[] codes, long[] counts) {
        for (int i = 0; i < codes.length; i++) {
            out.append(name)
                    .append('{')
                    .append(label)
                    .append("=\"")
                    .append(MeterCounters.name(codes[i]))
                    .append("\"} ")
                    .append(counts[i])
                    .append('\n');
        }
    }

    private static void sample(StringBuilder out, String name, String labels, long n) {
        if (n > 0) {
            out.append(name).append('{').append(labels).append("} ").append(n).append('\n');
        }
    }
}
