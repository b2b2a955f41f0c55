package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.protocol.Hex;
import org.pro380.protocol.Parity;
import org.pro380.registers.Registers;
import org.pro380.testkit.ChildProcess;
import org.pro380.testkit.Socat;

/**
 * A site of several meters as Modbus masters no one here wrote see it (spec section 11): mbpoll
 * on a shared RTU line over a socat pty pair, mbpoll through the Modbus TCP gateway of each bus,
 * and pymodbus over RTU over TCP and Modbus TCP.
 */
class SiteInteropTest {

    /** Serial numbers of the site: meter k has 22091039 + k - 1 (bcd32 words as mbpoll prints them). */
    private static final int FIRST_SERIAL = 22091039;

    @TempDir
    Path dir;

    private Socat ptys;
    private InteropTwin twin;

    @AfterEach
    void stop() {
        try {
            if (twin != null) {
                twin.close();
            }
        } finally {
            if (ptys != null) {
                ptys.close();
            }
        }
    }

    private static int serialOf(Mbpoll.Output out) {
        return Integer.parseInt(String.format("%04x%04x", out.hexAt(0x4000), out.hexAt(0x4001)));
    }

    /** Waits (5 s at most) until meter k shows tariff {@code tariffs[k - 1]}, for every k. */
    private void awaitTariffs(int... tariffs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            int[] now = new int[tariffs.length];
            for (int k = 1; k <= tariffs.length; k++) {
                now[k - 1] = twin.twin().meter(k).reading().activeTariff().number();
            }
            if (java.util.Arrays.equals(now, tariffs) || System.nanoTime() > deadline) {
                assertThat(now).as("tariff of each meter").containsExactly(tariffs);
                return;
            }
            Thread.sleep(10);
        }
    }

    @Test
    void onASharedRtuLineEachMeterAnswersItsIdAnUnknownIdIsSilentAndABroadcastReachesThemAll() throws Exception {
        ExternalTools.MBPOLL.require();
        Path twinEnd = dir.resolve("twin");
        Path client = dir.resolve("client");
        ptys = Socat.ptyPair(twinEnd, client);
        twin = InteropTwin.start(dir.resolve("state"), b -> b.meters(5).serial(twinEnd.toString()));
        Mbpoll mbpoll = Mbpoll.rtu(client, 9600, Parity.EVEN);

        for (int unit : new int[] {1, 2, 5}) {
            assertThat(serialOf(mbpoll.readHex(unit, 0x4000, 2).assertSucceeded()))
                    .as("unit %d", unit)
                    .isEqualTo(FIRST_SERIAL + unit - 1);
        }
        assertThat(mbpoll.readHex(6, 0x4000, 2).failure())
                .as("unit 6 on a bus of 5")
                .isPresent();

        // mbpoll refuses unit 0 on RTU ("1-255 for rtu"): the broadcast goes onto the line as raw bytes
        java.nio.file.Files.write(client, Hex.parse("00 06 60 48 00 03 56 0C"));
        awaitTariffs(3, 3, 3, 3, 3);

        mbpoll.write(2, Registers.UNIT_ID.address(), 20).assertWritten(1);
        assertThat(serialOf(mbpoll.readHex(20, 0x4000, 2).assertSucceeded())).isEqualTo(FIRST_SERIAL + 1);
        assertThat(mbpoll.readHex(2, 0x4000, 2).failure()).as("the old id").isPresent();
    }

    @Test
    void eachBusPortIsAGatewayUnitIdsSelectMetersAndAnUnknownIdGets0x0B() throws Exception {
        ExternalTools.MBPOLL.require();
        twin = InteropTwin.start(dir.resolve("state"), b -> b.meters(6).busSize(3));
        InetSocketAddress bus1 = twin.twin().tcpAddress(1).orElseThrow();
        InetSocketAddress bus2 = twin.twin().tcpAddress(2).orElseThrow();

        assertThat(serialOf(Mbpoll.tcp(bus1).readHex(3, 0x4000, 2).assertSucceeded()))
                .isEqualTo(FIRST_SERIAL + 2);
        assertThat(serialOf(Mbpoll.tcp(bus2).readHex(1, 0x4000, 2).assertSucceeded()))
                .isEqualTo(FIRST_SERIAL + 3);
        assertThat(serialOf(Mbpoll.tcp(bus2).readHex(3, 0x4000, 2).assertSucceeded()))
                .isEqualTo(FIRST_SERIAL + 5);
        assertThat(Mbpoll.tcp(bus2).readHex(4, 0x4000, 2).failure()).contains("Target device failed to respond");

        Mbpoll.tcp(bus1).write(0, Registers.TARIFF.address(), 2);
        awaitTariffs(2, 2, 2, 1, 1, 1);
    }

    @Test
    void pymodbusReadsMetersByUnitIdOverRtuOverTcpAndModbusTcp() throws Exception {
        Path python = ExternalTools.requirePymodbus();
        twin = InteropTwin.start(dir.resolve("state"), b -> b.meters(4));
        InetSocketAddress rtu = twin.twin().rtuTcpAddress(1).orElseThrow();
        InetSocketAddress tcp = twin.twin().tcpAddress(1).orElseThrow();
        String script = """
                import sys
                from pymodbus.client import ModbusTcpClient
                from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer
                port, framer = int(sys.argv[1]), sys.argv[2]
                client = ModbusTcpClient("127.0.0.1", port=port, timeout=3, retries=0,
                                         framer=ModbusRtuFramer if framer == "rtu" else ModbusSocketFramer)
                client.connect()
                for unit in (1, 2, 4, 5):
                    r = client.read_holding_registers(0x4000, 2, slave=unit)
                    if r.isError():
                        print(unit, "error", getattr(r, "exception_code", ""))
                    else:
                        print(unit, "%04x%04x" % (r.registers[0], r.registers[1]))
                client.close()
                """;
        for (String framer : List.of("rtu", "tcp")) {
            int port = framer.equals("rtu") ? rtu.getPort() : tcp.getPort();
            ChildProcess.Result r = ChildProcess.run(
                    List.of(python.toString(), "-c", script, String.valueOf(port), framer), Duration.ofSeconds(60));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            List<String> lines = r.stdout().lines().toList();
            assertThat(lines).as(r.describe()).startsWith("1 22091039", "2 22091040", "4 22091042");
            assertThat(lines.get(3))
                    .as("unit 5 on a bus of 4 over %s\n%s", framer, r.describe())
                    .isEqualTo(framer.equals("tcp") ? "5 error 11" : lines.get(3))
                    .startsWith("5 error");
        }
    }
}
