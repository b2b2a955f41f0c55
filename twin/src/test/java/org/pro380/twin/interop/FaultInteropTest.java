package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.meter.MeterReading;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.testkit.ChildProcess;
import org.pro380.twin.fault.FaultJson;

/**
 * Faults seen by pymodbus (a client no one here wrote) on Modbus TCP and on RTU over TCP: a
 * dropped reply is a timeout, an exception fault the exception code, a corrupt CRC a frame whose
 * check fails, a split reply one a stream master puts together, a stuck meter the same energy,
 * a bus's swapped wires or noise no answer (0x0B through the Modbus TCP gateway), and the fault
 * clears itself after its count.
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

    private void lineFaults(String json) throws Exception {
        twin.twin().buses().get(0).lineFaults().replace(FaultJson.readLine(JSON.readTree(json)));
    }

    @AfterEach
    void clear() {
        twin.twin().meter(1).faults().clear();
        twin.twin().buses().get(0).lineFaults().clear();
    }

    private JsonNode read(String framer) throws Exception {
        return read(framer, Registers.MAP.all().get(0));
    }

    private JsonNode read(String framer, Register<?> register) throws Exception {
        InetSocketAddress at = framer.equals("rtu") ? twin.rtuTcp() : twin.tcp();
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

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // pymodbus 3.0's synchronous client does not check the transaction id (libmodbus does)
                "{\"wrongTransaction\":{}}|tcp|ok",
                "{\"disconnect\":{}}|tcp|error",
                "{\"disconnect\":{}}|rtu|error",
                "{\"split\":{}}|tcp|ok",
                "{\"split\":{}}|rtu|ok",
                // a gap longer than the probe's 3 s timeout: pymodbus gives up on the first half
                "{\"split\":{\"gap\":\"3500ms\"}}|rtu|error"
            })
    void pymodbusSeesTheNewFaults(String faults, String framer, String result) throws Exception {
        faults(faults);
        JsonNode seen = read(framer);
        assertThat(seen.get("result").asText()).as(seen.toString()).isEqualTo(result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rtu"})
    void aDisconnectWearsOffAfterItsCount(String framer) throws Exception {
        faults("{\"disconnect\":{\"count\":1}}");
        assertThat(read(framer).get("result").asText()).isEqualTo("error");
        JsonNode after = read(framer);
        assertThat(after.get("result").asText()).as(after.toString()).isEqualTo("ok");
        assertThat(twin.twin().meter(1).faults().active()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rtu"})
    void aStuckMeterAnswersTheSameEnergyWhileTimeGoesOnUntilCleared(String framer) throws Exception {
        faults("{\"stuck\":{}}");
        MeterReading start = twin.reading();
        JsonNode first = read(framer, Registers.ACTIVE_ENERGY);
        twin.awaitRise(start, Registers.ACTIVE_ENERGY);
        JsonNode second = read(framer, Registers.ACTIVE_ENERGY);
        assertThat(second.get("registers")).as(second.toString()).isEqualTo(first.get("registers"));

        twin.twin().meter(1).faults().clear();
        JsonNode live = read(framer, Registers.ACTIVE_ENERGY);
        assertThat(live.get("registers")).as(live.toString()).isNotEqualTo(first.get("registers"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // RTU over TCP is the line itself: nothing understood, no answer
                "{\"swappedAB\":{}}|rtu|error|0",
                "{\"noise\":{}}|rtu|error|0",
                // Modbus TCP is a gateway onto the line: its meters do not answer it
                "{\"swappedAB\":{}}|tcp|exception|11",
                "{\"noise\":{\"bytes\":\"zero\"}}|tcp|exception|11"
            })
    void pymodbusSeesTheLineFaults(String faults, String framer, String result, int code) throws Exception {
        lineFaults(faults);
        JsonNode seen = read(framer);
        assertThat(seen.get("result").asText()).as(seen.toString()).isEqualTo(result);
        if (code > 0) {
            assertThat(seen.get("code").asInt()).isEqualTo(code);
        }
        twin.twin().buses().get(0).lineFaults().clear();
        assertThat(read(framer).get("result").asText()).isEqualTo("ok");
    }
}
