package org.pro380.twin.transport;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pro380.protocol.LineSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each change of the meter's baud and parity once, for a transport whose timing follows
 * them (RTU over TCP with wire timing): "RTU over TCP on 127.0.0.1:5021: line settings now 4800
 * 8O1 (written over Modbus)". Shared by the transport's connections; thread-safe.
 */
final class LineWatch {

    private static final Logger log = LoggerFactory.getLogger(LineWatch.class);
    private static final LineWatch SILENT = new LineWatch(null, null);

    private final Supplier<String> where;
    private final AtomicReference<LineSettings> last;

    private LineWatch(Supplier<String> where, LineSettings start) {
        this.where = where;
        this.last = new AtomicReference<>(start);
    }

    /** Watches from {@code start}, logging as {@code where} (asked when there is something to log). */
    static LineWatch of(Supplier<String> where, LineSettings start) {
        return new LineWatch(where, start);
    }

    /** Logs nothing (the transport reports line changes itself, or its timing ignores them). */
    static LineWatch silent() {
        return SILENT;
    }

    /** Notes the settings in force now; a change is logged once, with how it came about. */
    void note(LineSettings now, String how) {
        if (where == null) {
            return;
        }
        LineSettings before = last.getAndSet(now);
        if (!now.equals(before)) {
            log.info("{}: line settings now {} ({})", where.get(), SerialRtuPort.format(now), how);
        }
    }
}
