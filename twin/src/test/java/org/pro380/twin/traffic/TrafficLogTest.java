package org.pro380.twin.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pro380.twin.capture.Direction;

class TrafficLogTest {

    private static final byte[] FRAME = {1, 3, 0x50, 2, 0, 2, 0, 0};

    @Test
    void keepsTheLast500FramesNumberedFrom1() {
        TrafficLog log = new TrafficLog();
        for (int i = 0; i < 600; i++) {
            log.heard(i, TransportKind.SERIAL, "/dev/pts/3", FRAME, false);
        }

        assertThat(log.last()).isEqualTo(600);
        assertThat(log.after(0, 1000).frames())
                .hasSize(500)
                .first()
                .extracting(TrafficFrame::seq)
                .isEqualTo(101L);
        assertThat(log.after(590, 5).frames())
                .extracting(TrafficFrame::seq)
                .containsExactly(591L, 592L, 593L, 594L, 595L);
        assertThat(log.after(600, 5).frames()).isEmpty();
        assertThat(log.after(600, 5).last()).isEqualTo(600);
        assertThat(log.after(9000, 5).last()).as("a twin started again").isEqualTo(600);
        assertThat(log.newest(2).frames()).extracting(TrafficFrame::seq).containsExactly(599L, 600L);
    }

    @Test
    void faultsAreNotedOnTheRequestAndItsReplyAndCounted() {
        TrafficLog log = new TrafficLog();
        log.heard(1, TransportKind.TCP, "127.0.0.1:4000", FRAME, false);
        log.applied(List.of("corruptCrc"));
        log.sent(2, TransportKind.TCP, "127.0.0.1:4000", FRAME, new byte[] {3, 0x50, 2, 0, 2});
        log.heard(3, TransportKind.TCP, "127.0.0.1:4000", FRAME, true);
        log.sent(4, TransportKind.TCP, "127.0.0.1:4000", FRAME, new byte[0]);

        assertThat(log.after(0, 10).frames())
                .extracting(TrafficFrame::direction, TrafficFrame::faults)
                .containsExactly(
                        tuple(Direction.IN, List.of("corruptCrc")),
                        tuple(Direction.OUT, List.of("corruptCrc")),
                        tuple(Direction.IN, List.of()),
                        tuple(Direction.OUT, List.of()));
        assertThat(log.counts().crcErrors()).isEqualTo(1);
        assertThat(log.counts().faultsApplied()).containsEntry("corruptCrc", 1L);
    }

    @Test
    void aSiteKeepsTheFramesOfItsFirstMetersAndOfThoseAskedFor64AtMost() {
        TrafficLogs site = new TrafficLogs();
        List<TrafficLog> logs = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            logs.add(site.next());
        }
        logs.forEach(l -> l.heard(1, TransportKind.TCP, "a", FRAME, false));

        assertThat(logs.get(15).newest(10).frames()).hasSize(1);
        assertThat(logs.get(16).newest(10).frames())
                .as("not kept before it was asked for")
                .isEmpty();
        logs.get(16).heard(2, TransportKind.TCP, "a", FRAME, true);
        assertThat(logs.get(16).newest(10).frames())
                .extracting(TrafficFrame::seq)
                .containsExactly(2L);
        assertThat(logs.get(16).counts().crcErrors()).isEqualTo(1);

        for (int k = 17; k < 17 + TrafficLogs.MAX_METERS - TrafficLogs.FIRST_METERS; k++) {
            logs.get(k).newest(1); // 64 asked for: meter 0, asked least recently, makes room
        }
        logs.forEach(l -> l.heard(3, TransportKind.TCP, "a", FRAME, false));
        assertThat(logs.get(1).after(0, 10).frames())
                .extracting(TrafficFrame::seq)
                .containsExactly(1L, 2L);
        assertThat(logs.get(0).after(0, 10).frames())
                .as("forgotten, then asked again")
                .isEmpty();
    }
}
