package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.registers.Meaning.EnergyKind.ACTIVE;
import static org.pro380.registers.Meaning.Flow.FORWARD;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.protocol.Parity;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Phase;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/** The client against a stand-in meter, over RTU over TCP and Modbus TCP. */
class ClientTest {
    private FakeMeter meter;

    private Pro380Client connect(boolean rtu) throws Exception {
        meter = new FakeMeter(rtu);
        return Pro380Client.connect(new ClientConfig(meter.endpoint(), 1, Duration.ofMillis(500), 0));
    }

    @AfterEach
    void stop() throws Exception {
        meter.close();
    }

    @ParameterizedTest(name = "rtu={0}")
    @ValueSource(booleans = {true, false})
    void aSnapshotHoldsEveryRegisterDecodedInThreeRequests(boolean rtu) throws Exception {
        try (Pro380Client client = connect(rtu)) {
            Snapshot s = client.snapshot();

            assertThat(s.values()).isEqualTo(SampleValues.values());
            assertThat(s.traffic().requests()).isEqualTo(3);
            assertThat(meter.requests.get()).isEqualTo(3);
        }
    }

    @Test
    void rtuBytesOnTheWireAreWholeFrames() throws Exception {
        try (Pro380Client client = connect(true)) {
            Traffic t = client.snapshot().traffic();

            assertThat(t.bytesSent()).isEqualTo(3 * 8);
            assertThat(t.bytesReceived()).isEqualTo((5 + 2 * 34) + (5 + 2 * 48) + (5 + 2 * 88));
        }
    }

    @Test
    void modbusTcpBytesIncludeTheMbapHeader() throws Exception {
        try (Pro380Client client = connect(false)) {
            Traffic t = client.snapshot().traffic();

            assertThat(t.bytesSent()).isEqualTo(3 * 12);
            assertThat(t.bytesReceived()).isEqualTo((9 + 2 * 34) + (9 + 2 * 48) + (9 + 2 * 88));
        }
    }

    @Test
    void typedViewsReadTheMeterInItsOwnWords() throws Exception {
        try (Pro380Client client = connect(true)) {
            Snapshot s = client.snapshot();

            assertThat(s.identity().serialText()).isEqualTo("22091039");
            assertThat(s.identity().checksum()).isEqualTo(0x0607E329L);
            assertThat(s.settings()).isEqualTo(new Settings(1, 9600, Parity.EVEN, 10, true, Tariff.T1));
            assertThat(s.powerCounter()).isEqualTo(7);
            assertThat(s.errorCode()).isZero();
            assertThat(s.phase(Phase.L2).direction()).isEqualTo("2R");
            assertThat(s.phase(Phase.L2).exporting()).isTrue();
            assertThat(s.phase(Phase.L1).voltage()).isEqualTo(s.get(Registers.VOLTAGE_L1));
            assertThat(s.totals().frequency()).isEqualTo(s.get(Registers.FREQUENCY));
            assertThat(s.energy(ACTIVE, FORWARD, EnergyScope.T2)).isEqualTo(s.get(Registers.FORWARD_ACTIVE_ENERGY_T2));
        }
    }

    @Test
    void aPartialReadTakesOneRequestPerBlockTouched() throws Exception {
        try (Pro380Client client = connect(true)) {
            Snapshot energy = client.read(Group.ENERGY);
            Snapshot phase = client.read(Group.L2);

            assertThat(energy.traffic().requests()).isEqualTo(1);
            assertThat(energy.registers()).isEqualTo(Group.ENERGY.registers());
            assertThat(phase.traffic().requests()).isEqualTo(3);
            assertThat(phase.phase(Phase.L2).direction()).isEqualTo("2R");
        }
    }

    @Test
    void aLoneMeterAnswersAtUnitZero() throws Exception {
        meter = new FakeMeter(true);
        meter.unitId = 9;
        try (Pro380Client client =
                Pro380Client.connect(new ClientConfig(meter.endpoint(), 0, Duration.ofMillis(500), 0))) {
            assertThat(client.read(Registers.UNIT_ID)).isEqualTo(1);
        }
    }

    @Test
    void aWriteIsCheckedSentAndReadBack() throws Exception {
        try (Pro380Client client = connect(true)) {
            Applied applied = client.apply(Change.lcdCycle(25));

            assertThat(applied.confirmed()).isTrue();
            assertThat(meter.memory[Registers.LCD_CYCLE_TIME.address()]).isEqualTo(0x0025);
            assertThat(meter.requests.get()).isEqualTo(2);
        }
    }

    @Test
    void afterANewUnitIdTheClientGoesOnWithIt() throws Exception {
        try (Pro380Client client = connect(false)) {
            client.apply(Change.unitId(42));

            assertThat(client.unitId()).isEqualTo(42);
            assertThat(meter.unitId).isEqualTo(42);
            assertThat(client.read(Registers.UNIT_ID)).isEqualTo(42);
        }
    }

    @ParameterizedTest(name = "rtu={0}")
    @ValueSource(booleans = {true, false})
    void aLateReplyToAnEarlierAttemptStillCounts(boolean rtu) throws Exception {
        meter = new FakeMeter(rtu);
        try (Pro380Client client =
                Pro380Client.connect(new ClientConfig(meter.endpoint(), 1, Duration.ofMillis(300), 2))) {
            meter.delayNextReplyMillis = 450;

            client.apply(Change.unitId(17));

            assertThat(client.unitId()).isEqualTo(17);
            assertThat(meter.unitId).isEqualTo(17);
        }
    }

    @ParameterizedTest(name = "rtu={0}")
    @ValueSource(booleans = {true, false})
    void aLateReplyOfAUnitThatTimedOutIsNotTakenForTheNextUnitsReply(boolean rtu) throws Exception {
        meter = new FakeMeter(rtu);
        try (ModbusLink link = ModbusLink.open(meter.endpoint(), Duration.ofMillis(150), 0)) {
            meter.holdNextReply = true;
            assertThatThrownBy(() -> link.readRegisters(1, Registers.UNIT_ID.address(), 1))
                    .isInstanceOf(NoReplyException.class);

            // unit 1's reply comes while unit 2, which is not there, is asked
            assertThatThrownBy(() -> link.readRegisters(2, Registers.UNIT_ID.address(), 1))
                    .isInstanceOf(NoReplyException.class)
                    .hasMessageContaining("no reply from unit 2");
            assertThat(link.readRegisters(1, Registers.UNIT_ID.address(), 1)).containsExactly(1);
        }
    }
}
