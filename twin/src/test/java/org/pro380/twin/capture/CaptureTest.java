package org.pro380.twin.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.protocol.Crc16;

class CaptureTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final long T0 = 1_765_000_000_000_000L;
    private static final Link SERIAL = new Link.Serial("/dev/ttyUSB0");
    private static final Link.Tcp MODBUS_TCP =
            new Link.Tcp(new InetSocketAddress("127.0.0.1", 40001), new InetSocketAddress("127.0.0.1", 5020));
    private static final Link.Tcp RTU_OVER_TCP =
            new Link.Tcp(new InetSocketAddress("127.0.0.1", 40002), new InetSocketAddress("127.0.0.1", 5021));

    @TempDir
    Path dir;

    @Test
    void tsharkDecodesEveryTransportsFramesWithTheirDirectionAndABrokenCrcAsBroken() throws Exception {
        Path file = dir.resolve("twin.pcapng");
        try (Capture capture = Capture.open(file, 1 << 20, 2)) {
            // the spec's wire check: 16 A on each phase
            capture.record(frame(0, SERIAL, Direction.IN, "0103500c000614cb", ""));
            capture.record(frame(1, SERIAL, Direction.OUT, "01030c41800000418000004180000097ae", ""));
            capture.record(frame(2, MODBUS_TCP, Direction.IN, "000100000006010340000002", ""));
            capture.record(frame(3, MODBUS_TCP, Direction.OUT, "00010000000701030422091039", ""));
            capture.record(frame(4, RTU_OVER_TCP, Direction.IN, withCrc("0106401000ff"), ""));
            capture.record(frame(5, RTU_OVER_TCP, Direction.OUT, withCrc("018603"), ""));
            capture.record(frame(6, SERIAL, Direction.IN, "0103500c000614cb", ""));
            capture.record(frame(7, SERIAL, Direction.OUT, "01030c41800000418000004180000097af", "corruptCrc"));
        }
        List<String> rows = CaptureTshark.fields(
                file,
                5020,
                5021,
                "frame.number",
                "frame.p2p_dir",
                "modbus.func_code",
                "modbus.reference_num",
                "modbus.exception_code",
                "mbrtu.crc16.status",
                "frame.comment");
        assertThat(rows)
                .containsExactly(
                        "1\t1\t3\t20492\t\t1\t", // received: read 0x500C, CRC good
                        "2\t0\t3\t\t\t1\t", // sent
                        "3\t1\t3\t16384\t\t\t", // Modbus TCP: read 0x4000
                        "4\t0\t3\t\t\t\t",
                        "5\t1\t6\t16400\t\t1\t", // RTU over TCP: write 0x4010
                        "6\t0\t6\t\t3\t1\t", // exception 03
                        "7\t1\t3\t20492\t\t1\t",
                        "8\t0\t3\t\t\t0\tcorruptCrc"); // the fault's reply: CRC bad, named
    }

    @Test
    void tcpPacketsHaveValidChecksumsAndSequenceNumbersThatFollowTheBytesOverIpv4AndIpv6() throws Exception {
        Link.Tcp overIpv6 = new Link.Tcp(new InetSocketAddress("::1", 40003), new InetSocketAddress("::1", 5020));
        Path file = dir.resolve("tcp.pcapng");
        try (Capture capture = Capture.open(file, 1 << 20, 1)) {
            for (Link.Tcp link : List.of(MODBUS_TCP, overIpv6)) {
                capture.record(frame(0, link, Direction.IN, "000100000006010340000002", ""));
                capture.record(frame(1, link, Direction.OUT, "00010000000701030422091039", ""));
                capture.record(frame(2, link, Direction.IN, "000200000006010340000002", ""));
            }
        }
        List<String> rows = CaptureTshark.fields(
                file,
                5020,
                5021,
                "-o",
                "tcp.check_checksum:TRUE",
                "-o",
                "ip.check_checksum:TRUE",
                "tcp.checksum.status",
                "tcp.seq",
                "tcp.ack",
                "modbus.func_code");
        assertThat(rows)
                .containsExactly(
                        "1\t1\t1\t3", "1\t1\t13\t3", "1\t13\t14\t3", "1\t1\t1\t3", "1\t1\t13\t3", "1\t13\t14\t3");
    }

    @Test
    void aFullFileIsRotatedAndEachFileIsAWholeCapture() throws Exception {
        Path file = dir.resolve("rotating.pcapng");
        try (Capture capture = Capture.open(file, 2048, 3)) {
            for (int i = 0; i < 60; i++) {
                capture.record(frame(
                        i, MODBUS_TCP, i % 2 == 0 ? Direction.IN : Direction.OUT, "000100000006010340000002", ""));
            }
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(2048);
        assertThat(file.resolveSibling("rotating.pcapng.1")).exists();
        assertThat(file.resolveSibling("rotating.pcapng.2")).exists();
        assertThat(file.resolveSibling("rotating.pcapng.3")).doesNotExist();
        for (String name : List.of("rotating.pcapng", "rotating.pcapng.1", "rotating.pcapng.2")) {
            List<String> rows = CaptureTshark.fields(dir.resolve(name), 5020, 5021, "modbus.func_code");
            assertThat(rows).isNotEmpty().allMatch("3"::equals);
        }
    }

    private static String withCrc(String hex) {
        byte[] body = HEX.parseHex(hex);
        int crc = Crc16.of(body, 0, body.length);
        return hex + HEX.toHexDigits((byte) crc) + HEX.toHexDigits((byte) (crc >>> 8));
    }

    private static CapturedFrame frame(int i, Link link, Direction direction, String hex, String note) {
        return new CapturedFrame(T0 + i * 1000L, link, direction, HEX.parseHex(hex), note);
    }
}
