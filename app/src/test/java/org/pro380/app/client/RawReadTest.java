package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.app.ChildProcesses;
import org.pro380.app.ExitCode;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.testkit.ExternalTool;
import org.pro380.twin.TwinConfig;

/** {@code pro380 read ADDRESS -t TYPE -c COUNT} reads what mbpoll reads from the same registers of the twin. */
class RawReadTest {
    private static final Pattern OURS = Pattern.compile("^0x([0-9A-F]{4})  (\\S+)$", Pattern.MULTILINE);
    private static final Pattern MBPOLL = Pattern.compile("^\\[(\\d+)\\]:\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Load STEADY = new Load(
            50,
            List.of(
                    PhaseLoad.importing(229.5, 10.25, 0.98),
                    PhaseLoad.importing(231.25, 5, 0.95),
                    PhaseLoad.importing(228.75, 2, 0.9)));

    @TempDir
    Path dir;

    private TwinRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = TwinRig.start(
                dir,
                TwinRig.Transport.TCP,
                TwinConfig.forTests(dir.resolve("state")).initialLoad(STEADY));
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @ParameterizedTest(name = "{0} -t {1} -c {2}")
    @CsvSource({
        "0x5002, float, 3, 4:float",
        "0x500C, float, 3, 4:float",
        "0x5012, float, 4, 4:float",
        "0x4000, hex, 3, 4:hex",
        "0x4003, uint16, 2, 4",
        "0x4003, int16, 1, 4",
        "0x400B, int32, 1, 4:int"
    })
    void readsWhatMbpollReads(String address, String type, int count, String mbpollType) throws Exception {
        Cli.Result ours =
                Cli.run(rig.args(TwinRig.Transport.TCP, "read", address, "-t", type, "-c", String.valueOf(count)));
        Map<Integer, String> theirs = mbpoll(address, mbpollType, count);

        assertThat(ours.exitCode()).as(ours.toString()).isZero();
        Map<Integer, String> read = values(ours.out(), OURS, 16);
        assertThat(read.keySet()).as(ours.toString()).containsExactlyElementsOf(theirs.keySet());
        read.forEach((at, value) -> {
            String their = theirs.get(at);
            if (type.equals("float")) {
                double expected = Double.parseDouble(their);
                assertThat(Double.parseDouble(value))
                        .as("0x%04X", at)
                        .isCloseTo(
                                expected,
                                org.assertj.core.data.Offset.offset(Math.max(1e-6, Math.abs(expected) * 1e-5)));
            } else {
                assertThat(value).as("0x%04X", at).isEqualToIgnoringCase(their);
            }
        });
    }

    @Test
    void anAddressNoBlockHoldsIsTheMetersExceptionInItsOwnWords() {
        Cli.Result r = Cli.run(rig.args(TwinRig.Transport.TCP, "read", "0x3000", "-c", "2"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(r.err())
                .endsWith(" answered exception 0x02 (illegal data address) to a read of 2 register(s) at 0x3000\n");
    }

    @Test
    void aHostAloneIsPort502AndDashPGivesAnother() {
        String port = String.valueOf(rig.twin.tcpAddress().orElseThrow().getPort());
        Cli.Result withP = Cli.run("read", "0x4003", "--tcp", "127.0.0.1", "-p", port);
        Cli.Result pAlone = Cli.run("read", "0x4003", "-p", port);
        Cli.Result both = Cli.run("read", "0x4003", "--tcp", "127.0.0.1:5020", "-p", port);

        assertThat(withP.out()).as(withP.toString()).isEqualTo("0x4003  1\n");
        assertThat(pAlone.out()).as(pAlone.toString()).isEqualTo("0x4003  1\n");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(both.err())
                .isEqualTo("pro380: --tcp: -p " + port + " and 127.0.0.1:5020 name two ports; give one\n");
    }

    /** One mbpoll run: Modbus TCP, unit 1, PDU addresses (-0), high word first (-B), one poll (-1). */
    private Map<Integer, String> mbpoll(String address, String type, int count) throws Exception {
        Path mbpoll = ExternalTool.require("mbpoll", "mbpoll");
        List<String> command = new ArrayList<>(List.of(
                mbpoll.toString(),
                "-m",
                "tcp",
                "-p",
                String.valueOf(rig.twin.tcpAddress().orElseThrow().getPort()),
                "-a",
                "1",
                "-0",
                "-B",
                "-1",
                "-r",
                address,
                "-c",
                String.valueOf(count)));
        if (!type.equals("4")) {
            command.addAll(List.of("-t", type));
        }
        command.add("127.0.0.1");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return values(out, MBPOLL, 10);
        } finally {
            ChildProcesses.kill(p);
        }
    }

    private static Map<Integer, String> values(String text, Pattern pattern, int radix) {
        Map<Integer, String> values = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            values.put(Integer.parseInt(m.group(1), radix), m.group(2));
        }
        return values;
    }
}
