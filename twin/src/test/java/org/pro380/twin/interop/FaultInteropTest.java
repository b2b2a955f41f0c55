package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.twin.fault.FaultJson;

/**
 * Faults seen by pymodbus (a client no one here wrote) on Modbus TCP and on RTU over TCP: a
 * dropped reply is a timeout, an exception fault the exception code, a corrupt CRC a frame whose
 * check fails, and the fault clears itself after its count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private InteropTwin twin;
    private Path python;
    private Path script;

    @BeforeAll
    void start() throws Exception {
        python = ExternalTools.requirePymodbus();
        script = Resources.copy("pymodbus_fault_probe.py", dir);
        twin = InteropTwin.start(dir.resolve("state"));
    }

    @AfterAll
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private void faults(String json) throws Exception {
        twin.twin().meter(1).faults().replace(FaultJson.read(JSON.readTree(json)));
    }

    private JsonNode read(String framer) throws Exception {
        InetSocketAddress at = framer.equals("rtu") ? twin.rtuTcp() : twin.tcp();
        Register<?> register = Registers.MAP.all().get(0);
        ChildProcess.Result run = ChildProcess.run(
                List.of(
                        python.toString(),
                        script.toString(),
                        framer,
                        at.getHostString(),
                        String.valueOf(at.getPort()),
                        String.valueOf(twin.unitId()),
                        String.valueOf(register.address()),
                        String.valueOf(register.words())),
                SCRIPT_TIMEOUT);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return JSON.readTree(run.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rtu"})
    void aDroppedReplyIsATimeout(String framer) throws Exception {
        faults("{\"drop\":{}}");
        JsonNode seen = read(framer);
        assertThat(seen.get("result").asText()).as(seen.toString()).isEqualTo("error");
        assertThat(seen.get("frameCheckFailed").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rtu"})
    void anExceptionFaultIsTheExceptionCodeUntilItsCountIsUsedUp(String framer) throws Exception {
        faults("{\"exception\":{\"code\":6,\"count\":1}}");
        JsonNode seen = read(framer);
        assertThat(seen.get("result").asText()).as(seen.toString()).isEqualTo("exception");
        assertThat(seen.get("code").asInt()).isEqualTo(6);
        assertThat(read(framer).get("result").asText()).isEqualTo("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtu"})
    void aCorruptCrcIsAFrameWhoseCheckFails(String framer) throws Exception {
        faults("{\"corruptCrc\":{}}");
        JsonNode seen = read(framer);
        assertThat(seen.get("result").asText()).as(seen.toString()).isEqualTo("error");
        assertThat(seen.get("frameCheckFailed").asBoolean()).as(seen.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp"})
    void aCorruptLengthIsAnError(String framer) throws Exception {
        faults("{\"corruptLength\":{}}");
        JsonNode seen = read(framer);
        assertThat(seen.get("result").asText()).as(seen.toString()).isEqualTo("error");
    }
}
