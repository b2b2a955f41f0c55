package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.twin.transport.Fixtures.CURRENTS_16A;
import static org.pro380.twin.transport.Fixtures.READ_CURRENTS;
import static org.pro380.twin.transport.Fixtures.eventually;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.testkit.Socat;
import org.pro380.twin.bus.Bus;

class SerialRtuPortTest {

    private static final byte[] WRITE_BAUD_4800 = Fixtures.rtu(1, "06 40 04 12 c0");
    private static final LineSettings LINE_9600_8E1 = new LineSettings(9600, Parity.EVEN);

    @TempDir
    Path dir;

    private final Bus server = Fixtures.bus();

    @Test
    void answersTheSpecsWireCheckOverAPtyPair() throws Exception {
        try (Socat pair = Socat.ptyPair(dir);
                SerialRtuPort port = SerialRtuPort.open(pair.a().toString(), server, WireTiming.off());
                PtyEnd master = new PtyEnd(pair.b())) {
            master.send(READ_CURRENTS);
            assertThat(master.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
            assertThat(port.describe()).isEqualTo("RTU on serial " + pair.a() + " at 9600 8E1");
        }
    }

    @Test
    void aFrameCutShortBySilenceIsDroppedNotGluedToTheNext() throws Exception {
        try (Socat pair = Socat.ptyPair(dir);
                SerialRtuPort port = SerialRtuPort.open(pair.a().toString(), server, WireTiming.off());
                PtyEnd master = new PtyEnd(pair.b())) {
            // Glued to the first byte (cb) of the next frame this would be a valid request to unit 1.
            master.send(Hex.parse("01 03 50 0c 00 06 14"));
            assertThat(eventually(1000, () -> port.bytesReceived() == 7))
                    .as("port has the first part")
                    .isTrue();
            Thread.sleep(150);
            master.send(Fixtures.rtu(0xcb, Fixtures.READ_CURRENTS_PDU));
            master.assertSilentFor(Duration.ofMillis(300));

            master.send(READ_CURRENTS);
            assertThat(master.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void aBaudWriteIsAnsweredAtTheOldSettingsThenThePortFollows() throws Exception {
        try (Socat pair = Socat.ptyPair(dir);
                SerialRtuPort port = SerialRtuPort.open(pair.a().toString(), server, WireTiming.off());
                PtyEnd master = new PtyEnd(pair.b())) {
            assertThat(port.line()).isEqualTo(LINE_9600_8E1);

            master.send(WRITE_BAUD_4800);
            assertThat(master.read(WRITE_BAUD_4800.length)).isEqualTo(WRITE_BAUD_4800);

            assertThat(eventually(1000, () -> port.line().baud() == 4800))
                    .as("port at 4800")
                    .isTrue();
            assertThat(server.meters().get(0).meter().settings().baud()).isEqualTo(4800);
            assertThat(port.describe()).endsWith("at 4800 8E1");
            master.send(READ_CURRENTS);
            assertThat(master.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void closeReleasesTheDeviceAndAPtyCanBeOpenedAgainAtTheSameSpeed() throws Exception {
        try (Socat pair = Socat.ptyPair(dir)) {
            SerialRtuPort.open(pair.a().toString(), server, WireTiming.off()).close();
            try (SerialRtuPort again = SerialRtuPort.open(pair.a().toString(), server, WireTiming.off());
                    PtyEnd master = new PtyEnd(pair.b())) {
                master.send(READ_CURRENTS);
                assertThat(master.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
            }
        }
    }

    @Test
    void aDeviceOpenElsewhereIsReportedInOneLine() throws Exception {
        try (Socat pair = Socat.ptyPair(dir);
                SerialRtuPort port = SerialRtuPort.open(pair.a().toString(), server, WireTiming.off())) {
            assertThatThrownBy(() -> SerialRtuPort.open(pair.a().toString(), server, WireTiming.off()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("cannot open serial device " + pair.a() + " (");
        }
    }

    @Test
    void theReplyLeavesBeforeThePortTakesTheNewBaud() throws Exception {
        FakeSerialDevice device = new FakeSerialDevice();
        try (CapturedLog log = CapturedLog.start();
                SerialRtuPort port = SerialRtuPort.start("fake", server, WireTiming.off(), device, LINE_9600_8E1)) {
            device.arrive(WRITE_BAUD_4800);
            assertThat(eventually(1000, () -> device.events.size() >= 3)).isTrue();
            device.arrive(READ_CURRENTS);
            assertThat(eventually(1000, () -> device.events.size() >= 4)).isTrue();

            assertThat(device.events)
                    .containsExactly(
                            "write " + Hex.format(WRITE_BAUD_4800),
                            "drain",
                            "configure 4800 8E1",
                            "write " + Hex.format(CURRENTS_16A));
            assertThat(port.line()).isEqualTo(new LineSettings(4800, Parity.EVEN));
            assertThat(port.describe()).isEqualTo("RTU on serial fake at 4800 8E1");
            assertThat(log.text()).contains("serial device fake: line settings now 4800 8E1 (written over Modbus)");
        }
    }

    @Test
    void settingsWrittenOverTheLineAreLoggedAsWrittenOverModbusABroadcastFollowedAtOnce() throws Exception {
        FakeSerialDevice device = new FakeSerialDevice();
        try (CapturedLog log = CapturedLog.start();
                SerialRtuPort port = SerialRtuPort.start("fake", server, WireTiming.off(), device, LINE_9600_8E1)) {
            device.arrive(Fixtures.rtu(1, "06 40 03 00 07"));
            assertThat(eventually(1000, () -> log.text().contains("unit id"))).isTrue();
            device.arrive(Fixtures.rtu(0, "06 40 11 00 03")); // a broadcast: no reply to wait for

            assertThat(eventually(1000, () -> port.line().equals(new LineSettings(9600, Parity.ODD))))
                    .isTrue();
            assertThat(device.events)
                    .containsExactly("write " + Hex.format(Fixtures.rtu(1, "06 40 03 00 07")), "configure 9600 8O1");
            assertThat(log.text())
                    .contains(
                            "meter 22091039: unit id 1 -> 7 (written over Modbus)",
                            "serial device fake: line settings now 9600 8O1 (written over Modbus)",
                            "meter 22091039: parity even -> odd (written over Modbus)");
        }
    }

    @Test
    void aChangeMadeElsewhereIsFollowedWhileIdle() throws Exception {
        FakeSerialDevice device = new FakeSerialDevice();
        try (CapturedLog log = CapturedLog.start();
                SerialRtuPort port = SerialRtuPort.start("fake", server, WireTiming.off(), device, LINE_9600_8E1)) {
            server.meters().get(0).meter().write(0x4011, new int[] {2});

            // The port takes the new line once the device has it.
            assertThat(eventually(1000, () -> port.line().equals(new LineSettings(9600, Parity.NONE))))
                    .isTrue();
            assertThat(device.events).containsExactly("configure 9600 8N1");
            assertThat(log.text())
                    .contains("serial device fake: line settings now 9600 8N1 "
                            + "(changed through another transport or the control API)");
        }
    }

    @Test
    void whileRepliesCannotLeaveThePortStopsReading() throws Exception {
        FakeSerialDevice device = new FakeSerialDevice();
        device.holdWrites();
        int chunks = 3 * RtuSession.QUEUE_BOUND;
        try (SerialRtuPort port = SerialRtuPort.start("fake", server, WireTiming.off(), device, LINE_9600_8E1)) {
            for (int i = 0; i < chunks; i++) {
                device.arrive(READ_CURRENTS);
            }
            Thread reader = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("pro380-serial-reader fake"))
                    .findFirst()
                    .orElseThrow();
            assertThat(eventually(
                            2000,
                            () -> java.util.Arrays.stream(reader.getStackTrace())
                                    .anyMatch(f -> f.getMethodName().equals("awaitRoom"))))
                    .as("reader waits for room")
                    .isTrue();
            // The writer is stuck in its first reply, so at most the request after it was taken.
            assertThat(device.unread()).isGreaterThanOrEqualTo(chunks - 2);

            device.releaseWrites();
            assertThat(eventually(5000, () -> device.events.size() == chunks))
                    .as("all answered in the end")
                    .isTrue();
        }
    }

    @Test
    void aMissingDeviceIsReportedInOneLine() {
        assertThatThrownBy(() -> SerialRtuPort.open("/dev/ttyUSB9", server, WireTiming.off()))
                .isInstanceOf(TransportException.class)
                .hasMessage("serial device /dev/ttyUSB9 not found");
    }

    @Test
    void aMissingPathIsNotMistakenForTheDevOfTheSameName() {
        // jSerialComm alone would open /dev/ptmx for this path.
        String path = dir.resolve("ptmx").toString();
        assertThatThrownBy(() -> SerialRtuPort.open(path, server, WireTiming.off()))
                .isInstanceOf(TransportException.class)
                .hasMessage("serial device " + path + " not found");
    }
}
