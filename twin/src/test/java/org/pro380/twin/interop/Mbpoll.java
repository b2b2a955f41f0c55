package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pro380.protocol.Parity;
import org.pro380.testkit.ChildProcess;

/**
 * mbpoll (epsilonrt/mbpoll, Debian package mbpoll 1.0), run once per request with {@code -1}.
 *
 * <p>Flags as mbpoll 1.0 reads them: {@code -0} makes {@code -r} the PDU address (0x5002 is
 * 0x5002, not 0x5001); {@code -B} takes the high word first for {@code 4:float} (without it mbpoll
 * swaps the words); {@code -c} counts values, so {@code -c 3 -t 4:float} reads 6 registers, and
 * must not be given with write values (mbpoll refuses). One write value is sent with FC 06, several with FC 16. Values print as {@code [address]: value},
 * floats with C's {@code %g} (6 significant digits). A Modbus exception prints
 * {@code "... failed: Illegal data address"} (libmodbus's text) and exits non-zero.
 */
final class Mbpoll {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern VALUE_LINE = Pattern.compile("^\\[(\\d+)\\]:\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern FAILURE = Pattern.compile("failed: (.+?)\\s*$", Pattern.MULTILINE);
    /** With -v, mbpoll prints each frame sent as [01][03]... and each frame received as <01><03>... */
    private static final Pattern SENT = Pattern.compile("^((?:\\[[0-9A-F]{2}\\])+)\\s*$", Pattern.MULTILINE);

    private static final Pattern RECEIVED = Pattern.compile("^((?:<[0-9A-F]{2}>)+)\\s*$", Pattern.MULTILINE);

    /** What one mbpoll run printed. */
    record Output(ChildProcess.Result result) {

        /** Values by PDU address (with -0), as printed. */
        Map<Integer, String> values() {
            Map<Integer, String> values = new LinkedHashMap<>();
            Matcher m = VALUE_LINE.matcher(result.stdout());
            while (m.find()) {
                values.put(Integer.parseInt(m.group(1)), m.group(2));
            }
            return values;
        }

        double floatAt(int address) {
            return Expect.parseCDouble(valueAt(address));
        }

        /** A word printed by {@code 4:hex} as 0xNNNN. */
        int hexAt(int address) {
            String v = valueAt(address);
            assertThat(v)
                    .as("hex word at 0x%04X\n%s", address, result.describe())
                    .startsWith("0x");
            return Integer.parseInt(v.substring(2), 16);
        }

        String valueAt(int address) {
            String v = values().get(address);
            assertThat(v)
                    .as("mbpoll printed no value at 0x%04X\n%s", address, result.describe())
                    .isNotNull();
            return v;
        }

        /** With {@link #verbose()}: the frames mbpoll sent, as lower-case hex bytes "01 03 50 0c ...". */
        List<String> sent() {
            return frames(SENT);
        }

        /** With {@link #verbose()}: the frames mbpoll received, as lower-case hex bytes. */
        List<String> received() {
            return frames(RECEIVED);
        }

        private List<String> frames(Pattern pattern) {
            List<String> frames = new ArrayList<>();
            Matcher m = pattern.matcher(result.stdout() + "\n" + result.stderr());
            while (m.find()) {
                frames.add(m.group(1)
                        .replaceAll("[\\[<]", "")
                        .replaceAll("[\\]>]", " ")
                        .trim()
                        .toLowerCase(Locale.ROOT));
            }
            return frames;
        }

        /** libmodbus's message for the failure ("Illegal data address", ...), if the request failed. */
        Optional<String> failure() {
            Matcher m = FAILURE.matcher(result.stderr() + "\n" + result.stdout());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        Output assertSucceeded() {
            assertThat(result.exitCode())
                    .as("mbpoll failed\n%s", result.describe())
                    .isZero();
            assertThat(failure())
                    .as("mbpoll reported a failure\n%s", result.describe())
                    .isEmpty();
            return this;
        }

        /** Asserts that a write was acknowledged ("Written N references."). */
        Output assertWritten(int count) {
            assertSucceeded();
            assertThat(result.stdout()).as("%s", result.describe()).contains("Written " + count + " reference");
            return this;
        }
    }

    private final Path executable;
    private final List<String> link;
    private final String target;
    private final boolean verbose;

    private Mbpoll(Path executable, List<String> link, String target, boolean verbose) {
        this.executable = executable;
        this.link = link;
        this.target = target;
        this.verbose = verbose;
    }

    /** The same, with -v: mbpoll also prints the bytes of every frame it sends and receives. */
    Mbpoll verbose() {
        return new Mbpoll(executable, link, target, true);
    }

    /** mbpoll over Modbus TCP (loopback only). */
    static Mbpoll tcp(InetSocketAddress server) {
        assertThat(server.getAddress().isLoopbackAddress())
                .as("loopback only: %s", server)
                .isTrue();
        return new Mbpoll(
                ExternalTools.MBPOLL.require(),
                List.of("-m", "tcp", "-p", Integer.toString(server.getPort())),
                server.getAddress().getHostAddress(),
                false);
    }

    /** mbpoll over Modbus RTU on a serial device (one end of a pty pair), 8 data bits, 1 stop bit. */
    static Mbpoll rtu(Path device, int baud, Parity parity) {
        return new Mbpoll(
                ExternalTools.MBPOLL.require(),
                List.of(
                        "-m",
                        "rtu",
                        "-b",
                        Integer.toString(baud),
                        "-d",
                        "8",
                        "-s",
                        "1",
                        "-P",
                        parity.name().toLowerCase(Locale.ROOT)),
                device.toString(),
                false);
    }

    /** FC 03, {@code count} floats (2 registers each), high word first. */
    Output readFloats(int unit, int address, int count) {
        return run(unit, address, "4:float", count, List.of("-B"));
    }

    /** FC 03, {@code count} registers printed as hex. */
    Output readHex(int unit, int address, int count) {
        return run(unit, address, "4:hex", count, List.of());
    }

    /** FC 04 (read input registers), which the meter does not support. */
    Output readInputRegisters(int unit, int address, int count) {
        return run(unit, address, "3", count, List.of());
    }

    /** FC 06 for one word, FC 16 for several. */
    Output write(int unit, int address, int... words) {
        List<String> values =
                Arrays.stream(words).mapToObj(w -> String.format("0x%04X", w)).toList();
        List<String> args = new ArrayList<>(base(unit, address, "4"));
        args.add(target);
        args.addAll(values);
        return new Output(ChildProcess.run(args, TIMEOUT));
    }

    private Output run(int unit, int address, String type, int count, List<String> extra) {
        List<String> args = new ArrayList<>(base(unit, address, type));
        args.addAll(List.of("-c", Integer.toString(count)));
        args.addAll(extra);
        args.add(target);
        return new Output(ChildProcess.run(args, TIMEOUT));
    }

    /** Without -c: mbpoll 1.0 refuses "-c" together with write values. */
    private List<String> base(int unit, int address, String type) {
        List<String> args = new ArrayList<>();
        args.add(executable.toString());
        args.addAll(link);
        if (verbose) {
            args.add("-v");
        }
        args.addAll(List.of(
                "-a", Integer.toString(unit), "-0", "-1", "-o", "2", "-r", Integer.toString(address), "-t", type));
        return args;
    }
}
