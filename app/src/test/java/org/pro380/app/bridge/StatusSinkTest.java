package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.ReadingSink.GapCause;

class StatusSinkTest {
    private static final BridgeMeter METER = new BridgeMeter("house", 1, "");

    @Test
    void onATerminalTheStatusLineIsRewrittenAfterEachRound() {
        StringWriter screen = new StringWriter();
        StatusSink sink = new StatusSink(new PrintWriter(screen), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        sink.gap(METER, Instant.EPOCH, GapCause.NO_REPLY, "silent");
        sink.roundDone("house", Duration.ofMillis(2500), 60);
        sink.roundDone("house", Duration.ofMillis(2400), 60);
        assertThat(screen.toString())
                .isEqualTo("\rhouse: 60 meters in 2.5 s · 0 readings, 1 gaps since start\u001b[K"
                        + "\rhouse: 60 meters in 2.4 s · 0 readings, 1 gaps since start\u001b[K");
    }
}
