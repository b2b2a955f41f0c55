package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.Code;
import org.pro380.registers.Registers;

/**
 * {@link LineMove} against a stand-in meter over RTU over TCP (where the line itself does not
 * change): what it writes, a half-moved meter finished, one already there left, a lost one told.
 */
class LineMoveTest {
    private static final LineSettings FACTORY = LineSettings.FACTORY;
    private static final LineSettings TO = new LineSettings(4800, Parity.ODD);

    private FakeMeter meter;
    private ModbusLink link;
    private CommissionPlan plan;

    @BeforeEach
    void start() throws Exception {
        meter = new FakeMeter(true);
        meter.memory[Registers.BAUD_RATE.address()] = 9600;
        meter.memory[Registers.PARITY.address()] = Code.PARITY.code(Parity.EVEN);
        link = ModbusLink.open(meter.endpoint(), Duration.ofMillis(150), 0);
        int serial = new Pro380Client(link, 1).read(Registers.SERIAL_NUMBER);
        plan = new CommissionPlan(List.of(new CommissionPlan.Entry(serial, 1, "A1")));
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        meter.close();
    }

    private List<LineMove.Outcome> move() throws ClientException {
        List<LineMove.Outcome> told = new ArrayList<>();
        List<LineMove.Outcome> outcomes = new LineMove(link, FACTORY, TO).run(plan, told::add);
        assertThat(told).isEqualTo(outcomes);
        return outcomes;
    }

    @Test
    void aMeterAtTheOldLineGetsTheNewBaudThenTheNewParity() throws Exception {
        assertThat(move())
                .containsExactly(new LineMove.Outcome.Moved(plan.entries().get(0)));
        assertThat(meter.memory[Registers.BAUD_RATE.address()]).isEqualTo(4800);
        assertThat(meter.memory[Registers.PARITY.address()]).isEqualTo(Code.PARITY.code(Parity.ODD));
    }

    @Test
    void aHalfMovedMeterIsFinishedAndOneAlreadyThereIsLeft() throws Exception {
        meter.memory[Registers.BAUD_RATE.address()] = 4800;
        assertThat(move())
                .containsExactly(new LineMove.Outcome.Moved(plan.entries().get(0)));
        int requests = meter.requests.get();
        assertThat(move())
                .containsExactly(
                        new LineMove.Outcome.AlreadyThere(plan.entries().get(0)));
        assertThat(meter.requestsOnceAtLeast(requests + 2))
                .as("two reads, no write")
                .isEqualTo(requests + 2);
    }

    @Test
    void aMeterThatGoesSilentAsItMovesIsLookedForEverywhereAndReported() throws Exception {
        meter.silentAfterNextWrite = true;
        assertThat(move())
                .containsExactly(new LineMove.Outcome.Lost(
                        plan.entries().get(0),
                        "it stopped answering while moving: it answers at id 1 neither at 9600 8E1, 4800 8E1 nor"
                                + " 4800 8O1"));
    }

    @Test
    void aLineTheMeterWouldRefuseIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> LineMove.check(new LineSettings(19200, Parity.EVEN)))
                .isInstanceOf(IllegalWriteException.class)
                .hasMessageContaining("baud-rate");
    }

    @Test
    void theTargetIsReadAsBaudCommaParityAndCheckedAsTheMeterWould() {
        assertThat(LineMove.target("4800,odd")).isEqualTo(new LineSettings(4800, Parity.ODD));
        assertThat(LineMove.target(" 9600 , even ")).isEqualTo(LineSettings.FACTORY);
        assertThatThrownBy(() -> LineMove.target("19200,even"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baud-rate");
        assertThatThrownBy(() -> LineMove.target("fast")).hasMessage("expected BAUD,PARITY, e.g. 4800,odd, got 'fast'");
        assertThatThrownBy(() -> LineMove.target("4800,sideways")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachOutcomeIsOneLineForTheInstaller() {
        CommissionPlan.Entry e = new CommissionPlan.Entry(22091039, 2, "A1");
        LineSettings to = new LineSettings(4800, Parity.ODD);
        assertThat(new LineMove.Outcome.Moved(e).text(to)).isEqualTo("22091039 at id 2 -> 4800 8O1");
        assertThat(new LineMove.Outcome.AlreadyThere(e).text(to)).isEqualTo("22091039 at id 2: already at 4800 8O1");
        assertThat(new LineMove.Outcome.Lost(e, "it still answers at 9600 8E1").text(to))
                .isEqualTo("22091039 at id 2: not moved to 4800 8O1: it still answers at 9600 8E1");
    }
}
