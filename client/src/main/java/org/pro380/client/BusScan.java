package org.pro380.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.Code;
import org.pro380.registers.Identity;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * Finds meters on a serial line or behind a gateway. For each line setting it first reads at
 * unit 0, which a lone PRO380 answers with its own id (spec section 3), so a single meter is
 * found in one request; if nothing answers there (or two meters garble each other's reply, or
 * {@link Options#everyId} is set), it asks every unit id of the list in turn.
 */
public final class BusScan {
    /** What a scan reads of each meter: one request of 18 registers. */
    static final List<Register<?>> PROBE = List.of(
            Registers.SERIAL_NUMBER,
            Registers.METER_CODE,
            Registers.UNIT_ID,
            Registers.BAUD_RATE,
            Registers.LCD_CYCLE_TIME,
            Registers.PARITY);

    /**
     * @param ids the unit ids asked one by one, as {@link UnitIds#parse} gives them
     * @param everyLineSetting on a serial port: every baud and parity the meter can be set to, not only the port's
     * @param everyId ask every id even after a lone meter answered at unit 0
     * @param timeout how long to wait for each id (short: most ids are silent)
     */
    public record Options(List<Integer> ids, boolean everyLineSetting, boolean everyId, Duration timeout) {
        public Options {
            ids = List.copyOf(ids);
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("no unit ids to ask");
            }
        }

        public static Options defaults() {
            return new Options(UnitIds.parse(UnitIds.all()), false, false, Duration.ofMillis(200));
        }
    }

    /**
     * A meter that answered: what it reports of itself, and the line settings it was heard at
     * (empty over TCP). One meter is one row: a meter heard at several settings (a pty, which
     * has no baud or parity, answers at every one) is listed once, with all of them.
     */
    public record Found(
            int unitId,
            int serialNumber,
            int meterCode,
            LineSettings settings,
            int lcdCycleTime,
            List<LineSettings> heardAt) {
        public Found {
            heardAt = List.copyOf(heardAt);
        }

        public String serialText() {
            return Identity.serialText(serialNumber);
        }

        boolean sameMeter(Found other) {
            return serialNumber == other.serialNumber && unitId == other.unitId;
        }

        Found alsoHeardAt(List<LineSettings> more) {
            List<LineSettings> all = new ArrayList<>(heardAt);
            more.stream().filter(l -> !all.contains(l)).forEach(all::add);
            return new Found(unitId, serialNumber, meterCode, settings, lcdCycleTime, all);
        }
    }

    /**
     * Told before each request: {@code done} of {@code total} requests sent, the unit asked now
     * (0 for the read at unit 0, -1 once the scan is done) and in words what is asked. After a
     * lone meter answered at unit 0, {@code done} jumps over the ids not asked.
     */
    public interface Progress {
        Progress NONE = (done, total, unitId, trying) -> {};

        void step(int done, int total, int unitId, String trying);

        /** A meter answered (told again, with more settings, when it answers at another line setting). */
        default void found(Found meter) {}
    }

    private BusScan() {}

    public static List<Found> scan(Endpoint endpoint, Options options, Progress progress) throws ClientException {
        List<Optional<LineSettings>> lines = lines(endpoint, options);
        int perLine = 1 + options.ids().size();
        int total = lines.size() * perLine;
        List<Found> found = new ArrayList<>();
        try (ModbusLink link = ModbusLink.open(endpoint, options.timeout(), 0)) {
            for (int i = 0; i < lines.size(); i++) {
                Optional<LineSettings> line = lines.get(i);
                if (line.isPresent()) {
                    link.changeLine(line.get());
                }
                int done = i * perLine;
                String at = line.map(l -> " at " + l).orElse("");
                progress.step(done, total, 0, "unit 0 (broadcast)" + at);
                Optional<Found> lone = probe(link, 0, line);
                lone.ifPresent(f -> progress.found(add(found, f)));
                if (lone.isPresent() && !options.everyId()) {
                    continue;
                }
                for (int k = 0; k < options.ids().size(); k++) {
                    int id = options.ids().get(k);
                    progress.step(done + 1 + k, total, id, "unit " + id + at);
                    probe(link, id, line).ifPresent(f -> progress.found(add(found, f)));
                }
            }
        }
        progress.step(total, total, -1, "done");
        return found;
    }

    private static List<Optional<LineSettings>> lines(Endpoint endpoint, Options options) {
        if (endpoint instanceof Endpoint.Serial s) {
            List<LineSettings> all = options.everyLineSetting() ? allMeterSettings() : new ArrayList<>();
            all.remove(s.line());
            all.add(0, s.line());
            return all.stream().map(Optional::of).toList();
        }
        return List.of(Optional.empty());
    }

    /** Every line setting the meter can be set to (the baud register's rule, every parity): factory settings first, then fastest first. */
    private static List<LineSettings> allMeterSettings() {
        List<Integer> bauds = Registers.BAUD_RATE.writeRule().orElseThrow().values();
        List<LineSettings> all = new ArrayList<>(List.of(LineSettings.FACTORY));
        for (int i = bauds.size() - 1; i >= 0; i--) {
            for (Parity p : Parity.values()) {
                LineSettings s = new LineSettings(bauds.get(i), p);
                if (!s.equals(LineSettings.FACTORY)) {
                    all.add(s);
                }
            }
        }
        return all;
    }

    private static Optional<Found> probe(ModbusLink link, int unitId, Optional<LineSettings> line)
            throws ClientException {
        try {
            Snapshot s = new Pro380Client(link, unitId).read(PROBE);
            return Optional.of(new Found(
                    s.get(Registers.UNIT_ID),
                    s.get(Registers.SERIAL_NUMBER),
                    s.get(Registers.METER_CODE),
                    new LineSettings(s.get(Registers.BAUD_RATE), Code.PARITY.value(s.get(Registers.PARITY))),
                    s.get(Registers.LCD_CYCLE_TIME),
                    line.stream().toList()));
        } catch (ConnectionFailedException | ConnectionRefusedException | WrongTransportException e) {
            throw e;
        } catch (ClientException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Adds {@code f}, or merges it into the row of the same meter (same serial number and id); the row as it is now. */
    private static Found add(List<Found> found, Found f) {
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).sameMeter(f)) {
                found.set(i, found.get(i).alsoHeardAt(f.heardAt()));
                return found.get(i);
            }
        }
        found.add(f);
        return f;
    }
}
