package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.Parity;
import org.pro380.testkit.ChildProcess;

/**
 * The C client (src/test/resources/interop/pro380_probe.c), compiled against the system's
 * libmodbus and driven by a script of labelled requests; see the C file for the script language.
 */
final class LibmodbusProbe {

    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(40);

    private final Path executable;

    private LibmodbusProbe(Path executable) {
        this.executable = executable;
    }

    /** Compiles the probe into {@code dir} with gcc and pkg-config's flags for libmodbus. */
    static LibmodbusProbe compile(Path dir) throws IOException {
        ExternalTools.requireLibmodbus();
        Path source = Resources.copy("pro380_probe.c", dir);
        ChildProcess.Result flags = ChildProcess.run(
                List.of(ExternalTools.PKG_CONFIG.require().toString(), "--cflags", "--libs", "libmodbus"),
                COMPILE_TIMEOUT);
        assertThat(flags.exitCode()).as("pkg-config\n%s", flags.describe()).isZero();
        Path binary = dir.resolve("pro380_probe");
        List<String> gcc = new ArrayList<>(List.of(
                ExternalTools.GCC.require().toString(),
                "-std=c11",
                "-D_POSIX_C_SOURCE=200809L",
                "-Wall",
                "-Wextra",
                "-O1",
                "-o",
                binary.toString(),
                source.toString()));
        gcc.addAll(Arrays.asList(flags.stdout().trim().split("\\s+")));
        ChildProcess.Result compiled = ChildProcess.run(gcc, COMPILE_TIMEOUT);
        assertThat(compiled.exitCode()).as("gcc\n%s", compiled.describe()).isZero();
        return new LibmodbusProbe(binary);
    }

    /** A script of requests, each with a unique label. */
    static final class Script {
        private final List<String> lines = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();

        private Script line(String label, String command) {
            assertThat(label).doesNotContainAnyWhitespaces();
            assertThat(labels).as("labels are unique").doesNotContain(label);
            labels.add(label);
            lines.add(label + " " + command);
            return this;
        }

        Script connect(String label, Path device, int baud, Parity parity) {
            return line(label, "connect " + device + " " + baud + " " + parityLetter(parity));
        }

        Script slave(String label, int unit) {
            return line(label, "slave " + unit);
        }

        /** The response timeout for the following requests. */
        Script timeout(String label, long millis) {
            return line(label, "timeout " + millis);
        }

        Script read(String label, int address, int count) {
            return line(label, String.format("read 0x%04X %d", address, count));
        }

        Script readInput(String label, int address, int count) {
            return line(label, String.format("readinput 0x%04X %d", address, count));
        }

        Script readFloat(String label, int address) {
            return line(label, String.format("float 0x%04X", address));
        }

        Script write(String label, int address, int word) {
            return line(label, String.format("write 0x%04X 0x%04X", address, word));
        }

        Script writeMultiple(String label, int address, int... words) {
            StringBuilder sb = new StringBuilder(String.format("writem 0x%04X", address));
            for (int w : words) {
                sb.append(String.format(" 0x%04X", w));
            }
            return line(label, sb.toString());
        }

        Script sleep(String label, long millis) {
            return line(label, "sleep " + millis);
        }

        List<String> labels() {
            return List.copyOf(labels);
        }

        private static char parityLetter(Parity parity) {
            return switch (parity) {
                case EVEN -> 'E';
                case NONE -> 'N';
                case ODD -> 'O';
            };
        }
    }

    /** One printed reply: "ok" with fields, or "error NAME EXCEPTION message". */
    record Reply(String label, boolean ok, List<String> fields, String line) {

        List<Integer> words() {
            assertThat(ok).as("%s succeeded: %s", label, line).isTrue();
            return fields.stream()
                    .map(f -> {
                        assertThat(f).as("%s: a word", line).startsWith("0x");
                        return Integer.parseInt(f.substring(2), 16);
                    })
                    .toList();
        }

        int word() {
            List<Integer> words = words();
            assertThat(words).as(line).hasSize(1);
            return words.get(0);
        }

        /** The float printed with %.9g, exact for an f32. */
        double floatValue() {
            assertThat(ok).as("%s succeeded: %s", label, line).isTrue();
            assertThat(fields).as(line).hasSize(1);
            return (float) Expect.parseCDouble(fields.get(0));
        }

        /** The errno name (EMBXILADD, ETIMEDOUT, ...) of a failed request. */
        String errnoName() {
            assertThat(ok).as("%s failed: %s", label, line).isFalse();
            return fields.get(0);
        }

        /** The Modbus exception of a failed request, if it was one. */
        Optional<ExceptionCode> exception() {
            return ok ? Optional.empty() : ExceptionCode.of(Integer.parseInt(fields.get(1)));
        }
    }

    /** Every reply of a run, by label, in script order. */
    record Replies(ChildProcess.Result run, Map<String, Reply> byLabel) {

        Reply get(String label) {
            Reply r = byLabel.get(label);
            assertThat(r)
                    .as("no reply printed for %s\n%s", label, run.describe())
                    .isNotNull();
            return r;
        }

        String libmodbusVersion() {
            return run.stdout().lines().findFirst().orElse("");
        }

        void assertOk(String label) {
            Reply r = get(label);
            assertThat(r.ok()).as("%s: %s", label, r.line()).isTrue();
        }

        void assertException(String label, ExceptionCode expected) {
            Reply r = get(label);
            assertThat(r.exception()).as("%s: %s", label, r.line()).contains(expected);
        }
    }

    Replies run(Script script, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "probe", ".script");
        Files.write(file, script.lines);
        ChildProcess.Result run = ChildProcess.run(List.of(executable.toString(), file.toString()), RUN_TIMEOUT);
        assertThat(run.exitCode()).as("probe\n%s", run.describe()).isZero();
        Map<String, Reply> replies = new LinkedHashMap<>();
        for (String line : run.stdout().lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            assertThat(f.length).as("reply line: %s", line).isGreaterThanOrEqualTo(2);
            assertThat(f[1]).as("reply line: %s", line).isIn("ok", "error");
            replies.put(f[0], new Reply(f[0], f[1].equals("ok"), List.of(f).subList(2, f.length), line));
        }
        assertThat(replies.keySet())
                .as("a reply for every request\n%s", run.describe())
                .containsExactlyElementsOf(script.labels());
        return new Replies(run, replies);
    }
}
