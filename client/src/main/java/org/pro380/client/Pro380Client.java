package org.pro380.client;

import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.WriteSingleRegister;
import org.pro380.registers.Code;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.UnitId;

/**
 * Reads and configures one PRO380 meter. Reads take one request per register block touched
 * ({@link ReadPlan}); writes are checked against the map's rules before anything is sent, and
 * read back afterwards. After a change of unit id, baud or parity the client goes on with the
 * new settings.
 * <pre>{@code
 * try (Pro380Client meter = Pro380Client.connect(ClientConfig.of(new Endpoint.ModbusTcp("127.0.0.1", 5020)))) {
 *     Snapshot s = meter.snapshot();                      // 3 requests
 *     double kWh = s.energy(ACTIVE, FORWARD, EnergyScope.T1);
 *     meter.apply(Change.lcdCycle(25));
 * }
 * }</pre>
 */
public final class Pro380Client implements Closeable {
    private final ModbusLink link;
    private int unitId;

    public Pro380Client(ModbusLink link, int unitId) {
        this.link = link;
        this.unitId = unitId;
    }

    public static Pro380Client connect(ClientConfig config) throws ClientException {
        return new Pro380Client(
                ModbusLink.open(config.endpoint(), config.timeout(), config.retries()), config.unitId());
    }

    /** The unit id requests go to; follows a change of the meter's id. */
    public int unitId() {
        return unitId;
    }

    public ModbusLink link() {
        return link;
    }

    /** Every register of the map, in three requests. */
    public Snapshot snapshot() throws ClientException {
        return read(Registers.MAP.all());
    }

    public Snapshot read(Group... groups) throws ClientException {
        return read(Arrays.stream(groups)
                .flatMap(g -> g.registers().stream())
                .distinct()
                .toList());
    }

    /** The given registers, one request per block touched. */
    public Snapshot read(Collection<? extends Register<?>> registers) throws ClientException {
        Instant time = Instant.now();
        Traffic before = link.traffic();
        Map<Register<?>, Object> values = new LinkedHashMap<>();
        for (ReadPlan.Batch batch : ReadPlan.of(registers).batches()) {
            int[] words = link.readRegisters(unitId, batch.address(), batch.quantity());
            for (Register<?> r : batch.registers()) {
                values.put(r, decode(r, words, batch.address()));
            }
        }
        return new Snapshot(time, unitId, values, link.traffic().minus(before));
    }

    public <T> T read(Register<T> register) throws ClientException {
        return read(List.of(register)).get(register);
    }

    /** Applies one change; see {@link #apply(List)}. */
    public Applied apply(Change change) throws ClientException {
        return apply(List.of(change)).get(0);
    }

    /**
     * Checks every change against its register's rule (an illegal value throws
     * {@link IllegalWriteException} and nothing is sent), then writes them in order, following
     * a new unit id, baud or parity, and reads each back.
     */
    public List<Applied> apply(List<Change> changes) throws ClientException {
        for (Change c : changes) {
            check(c);
        }
        List<Applied> applied = new ArrayList<>();
        for (Change c : changes) {
            applied.add(write(c));
        }
        return applied;
    }

    @Override
    public void close() {
        link.close();
    }

    /** Refuses a change the meter would refuse, before anything is sent. */
    public static void check(Change change) throws IllegalWriteException {
        Register<Integer> r = change.register();
        Optional<String> refusal;
        try {
            refusal = r.rejectWrite(r.type().encode(change.value()));
        } catch (IllegalArgumentException e) {
            refusal = Optional.of(r.key() + ": " + e.getMessage());
        }
        if (refusal.isPresent()) {
            throw new IllegalWriteException(refusal.get());
        }
    }

    private Applied write(Change change) throws ClientException {
        Register<Integer> r = change.register();
        int word = r.type().encode(change.value())[0];
        if (unitId == UnitId.BROADCAST) {
            link.broadcast(new WriteSingleRegister(r.address(), word));
        } else {
            link.writeRegister(unitId, r.address(), word);
        }
        boolean lineFollowed = follow(change);
        int readBack;
        try {
            readBack = read(r);
        } catch (NoReplyException e) {
            if (change.movesTheMeter() && !lineFollowed && !r.equals(Registers.UNIT_ID)) {
                throw new NoReplyException(
                        "the meter took " + change + " but no longer answers through " + link.endpoint()
                                + "; set the gateway's serial side to the new settings (" + e.getMessage() + ")");
            }
            throw e;
        }
        Applied applied = new Applied(change, readBack);
        if (!applied.confirmed() && !r.equals(Registers.TARIFF)) {
            throw new VerifyFailedException(r.key() + " reads " + readBack + " after writing " + change.value());
        }
        return applied;
    }

    /** Goes on with the meter's new id, baud or parity; true if the serial line was reopened. */
    private boolean follow(Change change) throws ClientException {
        Register<Integer> r = change.register();
        if (r.equals(Registers.UNIT_ID) && unitId != UnitId.BROADCAST) {
            unitId = change.value();
        }
        Optional<LineSettings> line = link.line();
        if (line.isEmpty()) {
            return false;
        }
        if (r.equals(Registers.BAUD_RATE)) {
            return link.changeLine(new LineSettings(change.value(), line.get().parity()));
        }
        if (r.equals(Registers.PARITY)) {
            return link.changeLine(new LineSettings(line.get().baud(), Code.PARITY.value(change.value())));
        }
        return false;
    }

    private static Object decode(Register<?> r, int[] words, int firstAddress) throws MalformedReplyException {
        try {
            return r.decodeFrom(words, firstAddress);
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException(r.key() + ": " + e.getMessage());
        }
    }
}
