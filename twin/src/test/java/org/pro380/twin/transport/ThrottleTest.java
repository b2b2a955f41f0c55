package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final Throttle throttle = new Throttle(30, TimeUnit.SECONDS, now::get);

    @Test
    void letsTheFirstLineThroughThenOnePerIntervalWithTheCountHeldBack() {
        assertThat(throttle.pass()).isZero();
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(throttle.pass()).isEqualTo(-1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(28));
        assertThat(throttle.pass()).isEqualTo(-1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));

        assertThat(throttle.pass()).isEqualTo(2);
        assertThat(throttle.pass()).isEqualTo(-1);
    }

    @Test
    void worksAcrossANegativeClock() {
        now.set(-10);
        assertThat(throttle.pass()).isZero();
        assertThat(throttle.pass()).isEqualTo(-1);
    }
}
