package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pro380.protocol.Hex;
import org.pro380.registers.Identity;
import org.pro380.registers.Register;
import org.pro380.registers.Settings;

/**
 * A meter on a test clock behind its Modbus server, powered on from a factory-new memory, and
 * the raw-PDU conversation the tests hold with it.
 */
final class MeterFixture {

    final TestClock clock = new TestClock();
    final Meter meter;
    final MeterServer server;

    private MeterFixture(Load load) {
        meter = new Meter(clock, Identity.typical(), load);
        server = new MeterServer(meter);
    }

    /** A meter that has not been powered on yet. */
    static MeterFixture unpowered(Load load) {
        return new MeterFixture(load);
    }

    static MeterFixture poweredOn(Load load) {
        MeterFixture f = new MeterFixture(load);
        f.meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        return f;
    }

    /** Power off, then on again from what the meter would have saved, with the given check result. */
    void powerCycle(Optional<StorageError> check) {
        meter.powerOff();
        StoredState saved = meter.storedState();
        meter.powerOn(saved, check);
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    /**
     * The reply PDU to a request addressed to the meter as unit {@code unitId}, which must be its
     * id now (which ids reach a meter is the bus's rule, tested in the twin).
     */
    String ask(int unitId, String requestHex) {
        assertThat(meter.powered()).as("meter powered").isTrue();
        assertThat(meter.settings().unitId()).as("the meter's unit id").isEqualTo(unitId);
        return Hex.format(server.answer(Hex.parse(requestHex)));
    }

    /** The reply PDU to a request for unit 1, the factory id. */
    String ask(String requestHex) {
        return ask(1, requestHex);
    }

    /** The words of a read through the server (function 03, unit 1). */
    int[] read(int address, int quantity) {
        String reply = ask(
                String.format("03 %02x %02x %02x %02x", address >> 8, address & 0xFF, quantity >> 8, quantity & 0xFF));
        byte[] pdu = Hex.parse(reply);
        assertThat(pdu[0]).as("function code of the reply " + reply).isEqualTo((byte) 0x03);
        assertThat(pdu[1] & 0xFF).isEqualTo(2 * quantity);
        int[] words = new int[quantity];
        for (int i = 0; i < quantity; i++) {
            words[i] = ((pdu[2 + 2 * i] & 0xFF) << 8) | (pdu[3 + 2 * i] & 0xFF);
        }
        return words;
    }

    /** One register's value, read over Modbus and decoded by its type. */
    <T> T read(Register<T> register) {
        return register.type().decode(read(register.address(), register.words()), 0);
    }

    /** A write single register (06) to unit 1 that must be echoed. */
    void write(int address, int value) {
        String request =
                String.format("06 %02x %02x %02x %02x", address >> 8, address & 0xFF, value >> 8, value & 0xFF);
        assertThat(ask(request)).isEqualTo(request);
    }

    static String hex(int... words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(String.format(" %02x %02x", w >> 8, w & 0xFF));
        }
        return sb.toString().strip();
    }

    // ---- loads

    /** The same voltage, current and power factor on every phase, importing and inductive. */
    static Load uniform(double voltage, double current, double powerFactor) {
        PhaseLoad p = PhaseLoad.importing(voltage, current, powerFactor);
        return new Load(50, List.of(p, p, p));
    }

    /** One phase at the given active and reactive power (kW, kvar; signs per spec section 9) at 230 V. */
    static PhaseLoad fromPowers(double activeKw, double reactiveKvar) {
        double s = Math.hypot(activeKw, reactiveKvar);
        double current = s * 1000 / 230;
        double pf = s == 0 ? 1 : Math.abs(activeKw) / s;
        return new PhaseLoad(230, current, pf, activeKw < 0, reactiveKvar < 0);
    }

    static Load phases(PhaseLoad l1, PhaseLoad l2, PhaseLoad l3) {
        return new Load(50, List.of(l1, l2, l3));
    }

    static PhaseLoad idle() {
        return PhaseLoad.importing(230, 0, 1);
    }
}
