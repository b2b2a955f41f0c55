package org.pro380.twin.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.profile.FleetVariation;

class SiteLayoutTest {

    @Test
    void metersFillBusesOfKInOrderWithUnitIds1ToK() {
        SiteLayout site = new SiteLayout(7, 3);

        assertThat(site.buses()).isEqualTo(3);
        assertThat(site.bus(1)).isEqualTo(1);
        assertThat(site.bus(3)).isEqualTo(1);
        assertThat(site.bus(4)).isEqualTo(2);
        assertThat(site.bus(7)).isEqualTo(3);
        assertThat(site.unitId(4)).isEqualTo(1);
        assertThat(site.unitId(6)).isEqualTo(3);
        assertThat(site.unitId(7)).isEqualTo(1);
        assertThat(site.metersOn(3)).isEqualTo(1);
        assertThat(site.metersOn(2)).isEqualTo(3);
        assertThat(site.index(2, 3)).isEqualTo(6);
    }

    @Test
    void byDefaultAllMetersShareOneBusUpTo247() {
        assertThat(SiteLayout.of(1)).isEqualTo(new SiteLayout(1, 1));
        assertThat(SiteLayout.of(60)).isEqualTo(new SiteLayout(60, 60));
        assertThat(SiteLayout.of(10_000).busSize()).isEqualTo(247);
        assertThat(SiteLayout.of(10_000).buses()).isEqualTo(41);
    }

    @Test
    void impossibleLayoutsAreRefused() {
        assertThatThrownBy(() -> new SiteLayout(0, 1)).hasMessage("meters must be 1..10000000, got 0");
        assertThatThrownBy(() -> new SiteLayout(5, 248)).hasMessageContaining("bus size must be 1..247");
        assertThatThrownBy(() -> new SiteLayout(5, 5).bus(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void serialNumbersCountUpFromTheConfiguredOneAndStayEightDigits() {
        assertThat(FleetVariation.serialNumber(22091039, 1)).isEqualTo(22091039);
        assertThat(FleetVariation.serialNumber(22091039, 10_000)).isEqualTo(22101038);
        assertThatThrownBy(() -> FleetVariation.serialNumber(99_999_990, 11))
                .hasMessageContaining("more than 8 digits");
    }

    @Test
    void meter1KeepsItsLoadAndTheOthersVaryWithinTheSpreadTheSameWayEveryRun() {
        Load base = Load.household();
        assertThat(FleetVariation.load(base, 1, 380)).isSameAs(base);
        Set<Double> currents = new HashSet<>();
        for (int k = 2; k <= 1000; k++) {
            Load l = FleetVariation.load(base, k, 380);
            assertThat(l).isEqualTo(FleetVariation.load(base, k, 380));
            for (int p = 0; p < 3; p++) {
                PhaseLoad b = base.phases().get(p);
                PhaseLoad v = l.phases().get(p);
                assertThat(v.current()).isBetween(b.current() * 0.8, b.current() * 1.2);
                assertThat(v.voltage()).isBetween(b.voltage() * 0.98, b.voltage() * 1.02);
                assertThat(v.powerFactor()).isEqualTo(b.powerFactor());
            }
            currents.add(l.phases().get(0).current());
        }
        assertThat(currents).as("not N copies of one number").hasSizeGreaterThan(990);
        assertThat(FleetVariation.load(base, 2, 381)).isNotEqualTo(FleetVariation.load(base, 2, 380));
    }
}
