package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pro380.twin.source.MirrorTwins.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.Pro380Client;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.twin.Twin;
import org.pro380.twin.transport.CapturedLog;

/** A twin that polls another PRO380 (a second twin on 127.0.0.1) through the project's client. */
class ModbusMirrorTest {

    private static final Load SITE = new Load(
            49.95,
            List.of(
                    new PhaseLoad(231.5, 16, 0.95, false, false),
                    new PhaseLoad(229.8, 6.25, 0.8, true, false),
                    new PhaseLoad(233.1, 2.5, 0.6, false, true)));
    private static final Load LATER = new Load(
            50.05,
            List.of(PhaseLoad.importing(230, 6, 1), PhaseLoad.importing(230, 6, 1), PhaseLoad.importing(230, 6, 1)));

    @TempDir
    Path dir;

    @Test
    void theMirrorTakesTheOtherMetersValuesFollowsThemAndFallsSilentWhenItGoesAway() throws Exception {
        try (CapturedLog log = CapturedLog.start()) {
            Twin site = Twin.start(
                    MirrorTwins.twin(dir.resolve("site")).initialLoad(SITE).build());
            int port = site.tcpAddress().orElseThrow().getPort();
            SourceSpec source =
                    SourceSpec.of("modbus-tcp://127.0.0.1:" + port + "?unit=1").withStaleAfter(Duration.ofSeconds(1));
            try (Twin mirror = Twin.start(MirrorTwins.twin(dir.resolve("mirror"))
                            .source(source)
                            .build());
                    Pro380Client master = MirrorTwins.master(mirror)) {
                await("the site meter's values", () -> close(mirror.meter(1).load(), SITE));
                assertThat(mirror.source(1).orElseThrow().connected()).isTrue();
                Load mirrored = mirror.meter(1).load();
                assertThat(mirrored.phases()).extracting(PhaseLoad::export).containsExactly(false, true, false);
                assertThat(mirrored.phases()).extracting(PhaseLoad::capacitive).containsExactly(false, false, true);
                assertThat(master.snapshot()
                                .phase(org.pro380.registers.Phase.L2)
                                .current())
                        .isCloseTo(-6.25, within(1e-4));

                long start = System.nanoTime();
                site.meter(1).setLoad(LATER);
                await("the site meter's new values", () -> close(mirror.meter(1).load(), LATER));
                System.out.printf(
                        "modbus source -> mirror at a 250 ms poll: %.1f ms%n", (System.nanoTime() - start) / 1e6);

                site.close();
                await(
                        "stale once the site meter is gone",
                        () -> mirror.source(1).orElseThrow().stale());
                assertThat(mirror.source(1).orElseThrow().connected()).isFalse();
                assertThat(MirrorTwins.currentL1(master)).isNaN();
            } finally {
                site.close();
            }
            assertThat(log.text()).contains("modbus-tcp://127.0.0.1:" + port + "?unit=1: disconnected");
        }
    }

    /** Equal but for the f32 rounding of the registers. */
    private static boolean close(Load a, Load b) {
        if (Math.abs(a.frequency() - b.frequency()) > 1e-3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            PhaseLoad p = a.phases().get(i);
            PhaseLoad q = b.phases().get(i);
            if (Math.abs(p.voltage() - q.voltage()) > 1e-3
                    || Math.abs(p.current() - q.current()) > 1e-4
                    || Math.abs(p.powerFactor() - q.powerFactor()) > 1e-4
                    || p.export() != q.export()
                    || p.capacitive() != q.capacitive()) {
                return false;
            }
        }
        return true;
    }
}
