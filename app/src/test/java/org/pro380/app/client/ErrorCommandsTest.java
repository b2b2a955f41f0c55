package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.ExitCode;
import org.pro380.protocol.Hex;
import org.pro380.protocol.RtuCodec;
import org.pro380.testkit.Socat;

/** Every failure ends with one line "pro380: reason" and its own exit code; a stack trace only with --debug. */
class ErrorCommandsTest {
    @TempDir
    Path dir;

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        // bound but not listening: connecting is refused, and no one else can take the port meanwhile
        try (Socket held = new Socket()) {
            held.setReuseAddress(false);
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = held.getLocalPort();
            Cli.Result r = Cli.run("read", "--tcp", "127.0.0.1:" + port);

            assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED.code());
            assertThat(r.err()).isEqualTo("pro380: connection refused by 127.0.0.1:" + port + "\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aSilentPeerIsATimeout() throws Exception {
        try (CannedServer silent = new CannedServer(request -> new byte[0])) {
            Cli.Result r = Cli.run("read", "--rtu-tcp", silent.hostPort(), "--timeout", "150ms", "--retries", "1");

            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.err())
                    .isEqualTo("pro380: timeout: no reply from unit 1 at " + silent.hostPort()
                            + " within 150 ms (2 attempts); 'pro380 scan' lists the meters that answer on this line\n");
            // 2 attempts, then, on a new connection, one Modbus TCP read: does the port speak that instead?
            assertThat(silent.requestsOnceAtLeast(3)).isEqualTo(3);
        }
    }

    @Test
    void aSilentSerialPortIsATimeout() throws Exception {
        try (Socat pair = Socat.ptyPair(dir)) {
            Cli.Result r =
                    Cli.run("read", "tariff", "--serial", pair.b().toString(), "--timeout", "150ms", "--retries", "0");

            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.err())
                    .startsWith("pro380: timeout: no reply from unit 1 at " + pair.b() + " at 9600 8E1")
                    .hasLineCount(1);
        }
    }

    @Test
    void aDamagedReplyIsACrcError() throws Exception {
        try (CannedServer noisy = new CannedServer(request -> damaged(reply(request[0], "03 02 00 01")))) {
            Cli.Result r = Cli.run("read", "tariff", "--rtu-tcp", noisy.hostPort(), "--retries", "0");

            assertThat(r.exitCode()).isEqualTo(4);
            assertThat(r.err())
                    .startsWith("pro380: CRC error in the reply from unit 1")
                    .hasLineCount(1);
        }
    }

    @Test
    void anExceptionReplyNamesTheCode() throws Exception {
        try (CannedServer refusing = new CannedServer(request -> reply(request[0], "83 02"))) {
            Cli.Result r = Cli.run("read", "tariff", "--rtu-tcp", refusing.hostPort());

            assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED.code());
            assertThat(r.err())
                    .isEqualTo("pro380: unit 1 at " + refusing.hostPort()
                            + " answered exception 0x02 (illegal data address) to a read of 1 register(s) at 0x6048\n");
            assertThat(refusing.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void aReplyFromAnotherUnitIsWrongUnit() throws Exception {
        try (CannedServer other = new CannedServer(request -> reply(request[0] + 1, "03 02 00 01"))) {
            Cli.Result r = Cli.run("read", "tariff", "--rtu-tcp", other.hostPort(), "-a", "5", "--retries", "0");

            assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_REPLY.code());
            assertThat(r.err()).isEqualTo("pro380: wrong unit in the reply: asked unit 5, unit 6 answered\n");
        }
    }

    @Test
    void anIllegalValueIsRefusedAndNothingIsSent() throws Exception {
        try (CannedServer meter = new CannedServer(request -> request)) {
            Cli.Result r = Cli.run("set", "--rtu-tcp", meter.hostPort(), "lcd-cycle=20", "lcd-cycle=31");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("pro380: lcd-cycle-time must be 1..30, got 31; nothing sent\n");
            assertThat(meter.requests.get()).isZero();
        }
    }

    @Test
    void usageErrorsAreOneLineToo() {
        Cli.Result group = Cli.run("read", "voltages");
        Cli.Result key = Cli.run("set", "volume=11");
        Cli.Result format = Cli.run("read", "-f", "xml");

        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err())
                .startsWith("pro380: unknown group or register 'voltages'")
                .hasLineCount(1);
        assertThat(key.exitCode()).isEqualTo(2);
        assertThat(key.err()).startsWith("pro380: unknown setting 'volume'").hasLineCount(1);
        assertThat(format.err()).isEqualTo("pro380: format must be table, json or csv, got 'xml'\n");
    }

    @Test
    void watchWithACountOfZeroIsRefusedBeforeConnecting() {
        Cli.Result r = Cli.run("watch", "--count", "0", "--tcp", "127.0.0.1:1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pro380: --count must be 1 or more, got 0; leave it out to watch until Ctrl-C\n");
    }

    @Test
    void picocliErrorsAreOneLineWithAHintToHelp() {
        Cli.Result timeout = Cli.run("read", "--timeout", "5");
        Cli.Result bare = Cli.run("set");
        Cli.Result unknown = Cli.run("scan", "--every-ids");

        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err())
                .isEqualTo("pro380: Invalid value for option '--timeout': expected a duration like "
                        + "500ms, 1s, 2m or 1h, got '5'; see 'pro380 read --help'\n");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err())
                .startsWith("pro380: Missing required parameter")
                .endsWith("; see 'pro380 set --help'\n")
                .hasLineCount(1);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .startsWith("pro380: Unknown option: '--every-ids'")
                .endsWith("; see 'pro380 scan --help'\n")
                .hasLineCount(1);
        assertThat(timeout.out() + bare.out() + unknown.out()).isEmpty();
    }

    @Test
    void whatAnotherThreadLogsIsNotTakenForTheCommandsOutput() throws Exception {
        try (CannedServer meter = new CannedServer(request -> {
            System.err.println("a line an in-process twin logs meanwhile");
            return reply(request[0], "03 02 00 02");
        })) {
            Cli.Result r = Cli.run("read", "tariff", "--rtu-tcp", meter.hostPort(), "-f", "csv");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("tariff,0x6048,Tariff,2,");
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void debugShowsTheFramesAndTheStackTrace() throws Exception {
        try (CannedServer refusing = new CannedServer(request -> reply(request[0], "83 02"))) {
            Cli.Result r = Cli.run("read", "tariff", "--rtu-tcp", refusing.hostPort(), "--debug");

            assertThat(r.exitCode()).isEqualTo(5);
            assertThat(r.err()).contains("answered exception 0x02", "ExceptionReplyException", "\tat ");
        }
    }

    private static byte[] reply(int unit, String pdu) {
        return RtuCodec.encode(unit & 0xFF, Hex.parse(pdu));
    }

    private static byte[] damaged(byte[] frame) {
        frame[frame.length - 1] ^= 0x5A;
        return frame;
    }
}
