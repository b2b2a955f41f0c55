package org.pro380.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.client.NoReplyException;
import org.pro380.client.Pro380Client;
import org.pro380.registers.Registers;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.fault.MeterFaults;

/**
 * A twin at 10 times real time plays a scenario; a master on Modbus TCP (the project's client)
 * reading all along sees the meter stop answering at 10 s of meter time and answer again at 40 s.
 * Each read is placed by the scenario's own position in meter time, and by whether the meter's
 * drop fault was on, before and after it; never by the wall clock. A step is applied when the
 * scenario's thread wakes for it: never before its time, a wake-up's latency after it at most.
 */
class ScenarioModbusTest {

    private static final String SCENARIO = """
            {"name": "lost for 30 s", "length": "60s", "steps": [
              {"at": "10s", "faults": {"drop": {}}},
              {"at": "40s", "faults": {}}]}""";
    private static final Duration LOST_FROM = Duration.ofSeconds(10);
    private static final Duration LOST_UNTIL = Duration.ofSeconds(40);
    private static final Duration READ_UNTIL = Duration.ofSeconds(55);

    /** One read: the scenario's position and whether the drop was on, before and after it; whether the meter answered. */
    private record Read(Duration before, boolean dropBefore, Duration after, boolean dropAfter, boolean answered) {}

    @TempDir
    Path dir;

    @Test
    void aMasterSeesTheMeterLostAndBackAtTheScenariosMeterTimes() throws Exception {
        TwinConfig config = TwinConfig.forTests(dir.resolve("state"))
                .http(null)
                .timeScale(10)
                .build();
        List<Read> reads = new ArrayList<>();
        try (Twin twin = Twin.start(config)) {
            ScenarioRunner runner = twin.scenarios().orElseThrow();
            MeterFaults faults = twin.meter(1).faults();
            InetSocketAddress at = twin.tcpAddress().orElseThrow();
            ClientConfig client = ClientConfig.of(new Endpoint.ModbusTcp("127.0.0.1", at.getPort()))
                    .withTimeout(Duration.ofMillis(300))
                    .withRetries(0);
            try (Pro380Client master = Pro380Client.connect(client)) {
                warmUp(master);
                runner.play(ScenarioJson.parse("lost", "test", SCENARIO));
                Duration position = Duration.ZERO;
                while (position.compareTo(READ_UNTIL) < 0) {
                    Duration before = runner.status().orElseThrow().position();
                    boolean dropBefore = !faults.active().isEmpty();
                    boolean answered = answers(master);
                    boolean dropAfter = !faults.active().isEmpty();
                    position = runner.status().orElseThrow().position();
                    reads.add(new Read(before, dropBefore, position, dropAfter, answered));
                }
            }
            assertThat(runner.status().orElseThrow().playback().finished()).isTrue();
        }

        assertThat(transitions(reads)).as(reads.toString()).containsExactly(true, false, true);
        assertThat(reads).allSatisfy(r -> {
            assertThat(r.answered() ? !(r.dropBefore() && r.dropAfter()) : r.dropBefore() || r.dropAfter())
                    .as("%s: the meter answers exactly while its drop is off", r)
                    .isTrue();
            assertThat(!r.dropBefore() || r.before().compareTo(LOST_FROM) >= 0)
                    .as("%s: the drop is never on before 10 s", r)
                    .isTrue();
            assertThat(!(r.dropBefore() && !r.dropAfter()) || r.after().compareTo(LOST_UNTIL) >= 0)
                    .as("%s: the drop is never off before 40 s", r)
                    .isTrue();
        });
    }
    /** A cold JVM's first reads may miss the timeout: read until the meter answers, before the scenario. */
    private static void warmUp(Pro380Client master) throws Exception {
        for (int i = 0; i < 20; i++) {
            if (answers(master)) {
                return;
            }
        }
        throw new AssertionError("the meter never answered before the scenario");
    }

    private static boolean answers(Pro380Client master) throws Exception {
        try {
            master.read(Registers.SERIAL_NUMBER);
            return true;
        } catch (NoReplyException e) {
            return false;
        }
    }

    /** The answers seen, each run of equal ones once. */
    private static List<Boolean> transitions(List<Read> reads) {
        List<Boolean> seen = new ArrayList<>();
        for (Read r : reads) {
            if (seen.isEmpty() || seen.get(seen.size() - 1) != r.answered()) {
                seen.add(r.answered());
            }
        }
        return seen;
    }
}
