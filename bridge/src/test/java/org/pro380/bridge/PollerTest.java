package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.ConnectionRefusedException;
import org.pro380.client.Endpoint;
import org.pro380.registers.Registers;
import org.pro380.twin.Twin;
import org.pro380.twin.testing.RunningTwin;

/** Robustness against a twin: a connection that fails, a meter that changes its id. */
class PollerTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningTwin running = new RunningTwin();

    private Twin twin;
    private Bridge bridge;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(err);
        if (bridge != null) {
            bridge.close();
        }
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /**
     * A line whose timeout is long enough that a meter answering on a loaded machine is not taken
     * for a silent one: a meter is lost after 3 turns without a reading, and 3 timeouts of 200 ms
     * in a row are a matter of course when a CI machine is busy.
     */
    private BridgeLine line(int... units) {
        InetSocketAddress a = twin.tcpAddress().orElseThrow();
        List<PolledMeter> meters = new ArrayList<>();
        for (int unit : units) {
            meters.add(new PolledMeter(new BridgeMeter("site", unit, ""), Duration.ofMillis(50)));
        }
        return new BridgeLine(
                "site", new Endpoint.ModbusTcp(a.getHostString(), a.getPort()), Duration.ofSeconds(1), 0, meters);
    }

    @Test
    void aRefusedConnectionIsTriedAgainAfter1ThenAfter2SecondsAndEachTurnMeanwhileIsAGap() throws Exception {
        twin = running.start(1);
        List<Instant> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger(2);
        Poller.Opener flaky = line -> {
            attempts.add(Instant.now());
            if (refusals.getAndDecrement() > 0) {
                throw new ConnectionRefusedException("127.0.0.1:1", new java.net.ConnectException("refused"));
            }
            return Poller.Opener.CLIENT.open(line);
        };
        Recorder recorder = new Recorder();
        bridge = Bridge.start(List.of(line(1)), List.of(recorder), Clock.systemUTC(), flaky);
        assertThat(recorder.await("unit 1 reading", 0, WITHIN)).isTrue();
        assertThat(attempts).hasSize(3);
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
        List<String> before = recorder.events().subList(0, recorder.events().indexOf("unit 1 reading"));
        assertThat(before)
                .contains("unit 1 gap connection_lost")
                .allMatch(e -> e.equals("unit 1 gap connection_lost") || e.equals("round of 1"));
        assertThat(before.stream().filter(e -> e.contains("gap")).count())
                .as("a gap per turn of 50 ms for 3 s")
                .isGreaterThan(20);
        assertThat(log()).contains("site: cannot connect").contains("site: connected again");
    }

    @Test
    void aMeterThatTakesAnotherIdIsLoggedLostAndAnotherMeterAtItsIdIsNotTakenForIt() throws Exception {
        twin = running.start(2);
        Recorder recorder = new Recorder();
        bridge = Bridge.start(List.of(line(1)), List.of(recorder), Clock.systemUTC(), Poller.Opener.CLIENT);
        assertThat(recorder.await("unit 1 reading", 0, WITHIN)).isTrue();

        int idChanged = log().length(); // a loaded machine may have lost the meter for a moment before
        twin.meter(1).writeRegisters(Registers.UNIT_ID.address(), new int[] {9});
        int mark = recorder.events().size();
        assertThat(recorder.await("unit 1 gap no_reply", mark, WITHIN)).isTrue();
        awaitLog("site unit 1: lost (3 turns without a reading", idChanged);

        twin.meter(2).writeRegisters(Registers.UNIT_ID.address(), new int[] {1});
        mark = recorder.events().size();
        assertThat(recorder.await("unit 1 gap wrong_meter", mark, WITHIN)).isTrue();
        assertThat(recorder.events().subList(mark, recorder.events().size())).doesNotContain("unit 1 reading");

        twin.meter(2).writeRegisters(Registers.UNIT_ID.address(), new int[] {2});
        twin.meter(1).writeRegisters(Registers.UNIT_ID.address(), new int[] {1});
        mark = recorder.events().size();
        assertThat(recorder.await("unit 1 reading", mark, WITHIN)).isTrue();
        int answers = awaitLog("site unit 1: answers again", idChanged);
        assertThat(log().substring(idChanged, answers)
                        .lines()
                        .filter(l -> l.contains(": lost ("))
                        .count())
                .as("lost is logged once from the id's change until the meter answers again\n%s", log())
                .isEqualTo(1);
    }

    /** Waits (bounded) until the log holds {@code text} after its first {@code from} characters; where it begins. */
    private int awaitLog(String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (log().indexOf(text, from) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(log().substring(from)).contains(text);
        return log().indexOf(text, from);
    }
}
