package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Registers;

/** Each failure is its own exception with a one-line message. */
class ErrorPathTest {
    private FakeMeter meter;

    private Pro380Client connect(boolean rtu, int retries) throws Exception {
        meter = new FakeMeter(rtu);
        return Pro380Client.connect(new ClientConfig(meter.endpoint(), 1, Duration.ofMillis(200), retries));
    }

    @AfterEach
    void stop() throws Exception {
        if (meter != null) {
            meter.close();
        }
    }

    @Test
    void aSilentMeterIsATimeoutAfterEveryRetry() throws Exception {
        try (Pro380Client client = connect(true, 2)) {
            meter.misbehaviour = FakeMeter.Misbehaviour.SILENT;

            assertThatThrownBy(client::snapshot)
                    .isInstanceOf(NoReplyException.class)
                    .hasMessageStartingWith("timeout: no reply from unit 1 at 127.0.0.1:")
                    .hasMessageContaining("within 200 ms (3 attempts)");
            assertThat(meter.requestsOnceAtLeast(3)).isEqualTo(3);
        }
    }

    @Test
    void aDamagedCrcIsACrcError() throws Exception {
        try (Pro380Client client = connect(true, 1)) {
            meter.misbehaviour = FakeMeter.Misbehaviour.DAMAGED_CRC;
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.read(Registers.TARIFF))
                    .isInstanceOf(CrcErrorException.class)
                    .hasMessageStartingWith("CRC error in the reply from unit 1");
            assertThat(meter.requests.get()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
        }
    }

    @Test
    void aTruncatedReplyIsAnIncompleteReplyTimeout() throws Exception {
        try (Pro380Client client = connect(true, 0)) {
            meter.misbehaviour = FakeMeter.Misbehaviour.TRUNCATED;

            assertThatThrownBy(() -> client.read(Registers.TARIFF))
                    .isInstanceOf(NoReplyException.class)
                    .hasMessageStartingWith("timeout: incomplete reply from unit 1");
        }
    }

    @Test
    void anExceptionReplyNamesItsCodeAndIsNotRetried() throws Exception {
        try (Pro380Client client = connect(false, 2)) {
            meter.refuseWith = ExceptionCode.SERVER_DEVICE_FAILURE;

            assertThatThrownBy(client::snapshot)
                    .isInstanceOf(ExceptionReplyException.class)
                    .hasMessageStartingWith("unit 1 at ")
                    .hasMessageEndingWith(
                            " answered exception 0x04 (server device failure) to a read of 34 register(s) at 0x4000")
                    .satisfies(e -> assertThat(((ExceptionReplyException) e).code())
                            .isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE));
            assertThat(meter.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void anExceptionOverRtuKeepsItsRealCode() throws Exception {
        try (Pro380Client client = connect(true, 0)) {
            meter.refuseWith = ExceptionCode.ILLEGAL_DATA_ADDRESS;

            assertThatThrownBy(client::snapshot)
                    .isInstanceOf(ExceptionReplyException.class)
                    .hasMessageContaining(" answered exception 0x02 (illegal data address)");
        }
    }

    @Test
    void aReplyFromAnotherUnitIsWrongUnit() throws Exception {
        try (Pro380Client client = connect(true, 0)) {
            meter.misbehaviour = FakeMeter.Misbehaviour.OTHER_UNIT;

            assertThatThrownBy(client::snapshot)
                    .isInstanceOf(WrongUnitException.class)
                    .hasMessage("wrong unit in the reply: asked unit 1, unit 2 answered");
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        // bound but not listening: connecting is refused, and no one else can take the port meanwhile
        try (Socket held = new Socket()) {
            held.setReuseAddress(false);
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ClientConfig config = ClientConfig.of(new Endpoint.ModbusTcp("127.0.0.1", held.getLocalPort()));

            assertThatThrownBy(() -> Pro380Client.connect(config))
                    .isInstanceOf(ConnectionRefusedException.class)
                    .hasMessage("connection refused by 127.0.0.1:" + held.getLocalPort());
        }
    }

    @Test
    void anIllegalWriteSendsNothing() throws Exception {
        try (Pro380Client client = connect(true, 0)) {
            assertThatThrownBy(() -> client.apply(java.util.List.of(Change.lcdCycle(20), Change.baud(19200))))
                    .isInstanceOf(IllegalWriteException.class)
                    .hasMessage("baud-rate must be 300, 600, 1200, 2400, 4800 or 9600, got 19200; nothing sent");
            assertThat(meter.requests.get()).isZero();
        }
    }

    @Test
    void aMissingSerialPortIsAConnectionFailure() {
        Endpoint serial = new Endpoint.Serial("/dev/pro380-no-such-port", LineSettings.FACTORY);

        assertThatThrownBy(() -> Pro380Client.connect(ClientConfig.of(serial)))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("/dev/pro380-no-such-port");
    }
}
