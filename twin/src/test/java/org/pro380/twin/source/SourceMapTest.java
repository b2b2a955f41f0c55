package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.testkit.ProjectRoot;

/** The shipped maps against messages of their devices, and maps that are wrong. */
class SourceMapTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static SourceMap shipped(String name) {
        return SourceMap.load(ProjectRoot.resolve(SourceMapTest.class, "docs/source-maps/" + name));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void tasmotaSensorMessagesGivePerPhaseValuesAndExportFromNegativePower() throws Exception {
        Load load = shipped("tasmota-sensor.json").read(json("""
                {"Time":"2026-01-01T12:00:00","ENERGY":{"TotalStartTime":"2025-01-01T00:00:00","Total":1234.5,
                 "Power":[1000,-400,100],"ApparentPower":[1000,460,115],"Factor":[1.00,0.87,0.87],
                 "Frequency":50.02,"Voltage":[230,231,229],"Current":[4.348,2.000,0.500]}}
                """));
        assertThat(load.frequency()).isEqualTo(50.02);
        assertThat(load.phases())
                .containsExactly(
                        new PhaseLoad(230, 4.348, 1.0, false, false),
                        new PhaseLoad(231, 2.0, 0.87, true, false),
                        new PhaseLoad(229, 0.5, 0.87, false, false));
    }

    @Test
    void shellyStatusMessagesOfBothGenerations() throws Exception {
        Load gen1 = shipped("shelly-3em.json").read(json("""
                {"emeters":[{"power":460.0,"pf":0.5,"current":4.0,"voltage":230.0,"is_valid":true},
                            {"power":-230.0,"pf":-1.0,"current":1.0,"voltage":230.0,"is_valid":true},
                            {"power":0.0,"pf":0.0,"current":0.0,"voltage":229.0,"is_valid":true}]}
                """));
        assertThat(gen1.frequency()).isEqualTo(50);
        assertThat(gen1.phases())
                .containsExactly(
                        new PhaseLoad(230, 4, 0.5, false, false),
                        new PhaseLoad(230, 1, 1, true, false),
                        new PhaseLoad(229, 0, 0, false, false));

        Load pro = shipped("shelly-pro-3em.json").read(json("""
                {"id":0,"a_current":2.0,"a_voltage":230.0,"a_act_power":414.0,"a_aprt_power":460.0,"a_pf":0.9,
                 "b_current":1.0,"b_voltage":231.0,"b_act_power":-231.0,"b_aprt_power":231.0,"b_pf":-1.0,
                 "c_current":0.0,"c_voltage":232.0,"c_act_power":0.0,"c_aprt_power":0.0,"c_pf":1.0,
                 "total_current":3.0,"total_act_power":183.0}
                """));
        assertThat(pro.phases())
                .containsExactly(
                        new PhaseLoad(230, 2, 0.9, false, false),
                        new PhaseLoad(231, 1, 1, true, false),
                        new PhaseLoad(232, 0, 1, false, false));
    }

    @Test
    void dtuTotalsArePvExportOnL1AtPowerFactor1() throws Exception {
        Load opendtu = shipped("opendtu-total.json").read(json("""
                {"inverters":[],"total":{"Power":{"v":920,"u":"W","d":1},"YieldDay":{"v":3200,"u":"Wh","d":0}}}
                """));
        assertThat(opendtu.phases().get(0)).isEqualTo(new PhaseLoad(230, 4, 1, true, false));
        assertThat(opendtu.phases().get(1).current()).isZero();

        Load ahoy = shipped("ahoydtu-total.json").read(json("460"));
        assertThat(ahoy.phases().get(0)).isEqualTo(new PhaseLoad(230, 2, 1, true, false));
    }

    @Test
    void aMessageWhereTheMapPointsNowhereIsRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> shipped("tasmota-sensor.json").read(json("{\"ENERGY\":{\"Voltage\":[230]}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phases[0]: $.ENERGY.Current[0] is not in the message");
        assertThatThrownBy(() -> shipped("ahoydtu-total.json").read(json("\"off\"")))
                .hasMessage("phases[0]: $ is \"off\", not a number");
    }

    @Test
    void aMapWithABadJsonPathIsAOneLineErrorWithTheFileAndField() throws Exception {
        Path map = Files.writeString(dir.resolve("bad.json"), """
                {"phases": [{"voltage": "$.a[", "current": "$.b"}, {"current": 0}, {"current": 0}]}
                """);
        assertThatThrownBy(() -> SourceMap.load(map))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(map + ": phases[0].voltage: bad JSON path \"$.a[\": no ] for the [ at 3");
        Path noDollar = Files.writeString(dir.resolve("nodollar.json"), """
                {"phases": [{"power": "a.b"}, {"current": 0}, {"current": 0}]}
                """);
        assertThatThrownBy(() -> SourceMap.load(noDollar))
                .hasMessage(noDollar + ": phases[0].power: bad JSON path \"a.b\": it must start with $");
    }

    @Test
    void otherMistakesInAMapAreOneLineEach() throws Exception {
        assertThat(mistake("{\"phases\": [{\"current\": 0}, {\"current\": 0}]}"))
                .endsWith(": phases: expected an array of 3 phases");
        assertThat(mistake("{\"phases\": [{\"voltage\": 230}, {\"current\": 0}, {\"current\": 0}]}"))
                .endsWith(": phases[0]: needs \"current\" or \"power\"");
        assertThat(mistake("{\"phases\": [{\"current\": 0, \"amps\": \"$.a\"}, {\"current\": 0}, {\"current\": 0}]}"))
                .endsWith(": phases[0].amps: unknown field (expected one of voltage, current, power, powerFactor, "
                        + "reactivePower, apparentPower)");
        assertThat(mistake("{\"phases\": [")).contains(": not JSON: ");
        assertThat(mistake("{\"phases\": [")).doesNotContain("\n");
    }

    private String mistake(String text) throws Exception {
        Path map = Files.writeString(dir.resolve("map.json"), text);
        try {
            SourceMap.load(map);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void derivedQuantitiesFollowFromWhatTheSourceGives() {
        // power only: current |P|/V at power factor 1, export from the sign
        assertThat(sample(230, null, -920.0, null, null, null)).isEqualTo(new PhaseLoad(230, 4, 1, true, false));
        // power, voltage and current: power factor |P| / (V I) = 1000 / 1250
        PhaseLoad fromCurrent = sample(250, 5.0, 1000.0, null, null, null);
        assertThat(fromCurrent.powerFactor()).isCloseTo(0.8, within(1e-12));
        // power and reactive power: power factor 800 / hypot(800, 600), current 800 / (200 x 0.8), capacitive
        PhaseLoad fromReactive = sample(200, null, 800.0, null, -600.0, null);
        assertThat(fromReactive.powerFactor()).isCloseTo(0.8, within(1e-12));
        assertThat(fromReactive.current()).isCloseTo(5, within(1e-12));
        assertThat(fromReactive.capacitive()).isTrue();
        // power and apparent power: power factor 800 / 1000, current 1000 / 200
        PhaseLoad fromApparent = sample(200, null, 800.0, null, null, 1000.0);
        assertThat(fromApparent.powerFactor()).isCloseTo(0.8, within(1e-12));
        assertThat(fromApparent.current()).isCloseTo(5, within(1e-12));
        // current only: power factor 1, importing
        assertThat(sample(230, 3.0, null, null, null, null)).isEqualTo(new PhaseLoad(230, 3, 1, false, false));
        // rounding in the source (1001 W from 230 V x 4.35 A = 1000.5 VA) never makes a power factor above 1
        assertThat(sample(230, 4.35, 1001.0, null, null, null).powerFactor()).isEqualTo(1.0);
        assertThatThrownBy(() -> sample(230, null, null, 0.9, null, null)).hasMessage("neither current nor power");
    }

    private static PhaseLoad sample(double v, Double i, Double p, Double pf, Double q, Double s) {
        return new PhaseSample(v, opt(i), opt(p), opt(pf), opt(q), opt(s)).load();
    }

    private static java.util.OptionalDouble opt(Double d) {
        return d == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(d);
    }
}
