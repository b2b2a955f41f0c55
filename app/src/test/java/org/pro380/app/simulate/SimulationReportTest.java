package org.pro380.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.chart.SvgFiles;
import org.pro380.app.client.Cli;

/**
 * A simulated fleet is reported and plotted like a logged one: simulate writes the bridge's
 * schema, report reads it. The step profile counts 6.9 kW for 14 h a day; T2 from 18:00 to
 * 02:00 takes 8 of them (55.2 kWh), T1 the other 6 (41.4 kWh).
 */
class SimulationReportTest {

    @TempDir
    Path dir;

    Path db;

    @BeforeEach
    void simulate() throws Exception {
        Path profile = Files.writeString(dir.resolve("steps.csv"), SimulateCommandTest.STEP_PROFILE);
        db = dir.resolve("fleet.sqlite");
        Cli.Result r = Cli.run(
                "simulate",
                "--profile",
                profile.toString(),
                "--meters",
                "2",
                "--from",
                "2026-01-01",
                "--days",
                "3",
                "--tariff-schedule",
                "T2=Mon-Sun 18:00-02:00",
                "--out",
                db.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private Cli.Result report(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "report",
                "--db",
                db.toString(),
                "--from",
                "2026-01-02T00:00:00Z",
                "--to",
                "2026-01-04T00:00:00Z",
                "--by",
                "day"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void eachSimulatedDayIsReportedPerTariffFromTheCounters() throws Exception {
        Cli.Result r = report("-f", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        List<String> meterOne = new ArrayList<>();
        for (JsonNode row : rows) {
            assertThat(row.get("line").asText()).isEqualTo("simulate");
            assertThat(row.get("partial").asBoolean()).isFalse();
            if (row.get("unitId").asInt() == 1) {
                meterOne.add(row.get("from").asText().substring(0, 10) + " "
                        + row.get("tariff").asText() + " "
                        + row.get("direction").asText() + " "
                        + String.format("%.6f", row.get("energy").asDouble()));
            }
        }
        assertThat(meterOne)
                .containsExactly(
                        "2026-01-02 T1 import 41.400000",
                        "2026-01-02 T2 import 55.200000",
                        "2026-01-02 all import 96.600000",
                        "2026-01-02 all export 0.000000",
                        "2026-01-03 T1 import 41.400000",
                        "2026-01-03 T2 import 55.200000",
                        "2026-01-03 all import 96.600000",
                        "2026-01-03 all export 0.000000");
    }

    @Test
    void theTableLinesUpInTariffOrderAndEndsWithTheTotals() {
        Cli.Result r = report();

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("from").contains("energy");
        int unit = lines.get(0).indexOf("unit");
        for (String line : lines) {
            if (!line.startsWith("-")) {
                assertThat(line.indexOf(line.startsWith("from") ? "unit" : "kWh"))
                        .as(line)
                        .isEqualTo(unit);
            }
        }
        List<String> tariffs = lines.stream()
                .filter(l -> l.contains("steps 1") && l.contains("2026-01-02T00"))
                .map(l -> l.split(" +")[5] + " " + l.split(" +")[6])
                .toList();
        assertThat(tariffs).containsExactly("import T1", "import T2", "import total", "export total");
        List<String> totals = lines.subList(
                lines.indexOf(lines.stream()
                                .filter(l -> l.startsWith("-"))
                                .findFirst()
                                .orElseThrow())
                        + 1,
                lines.size());
        assertThat(totals).hasSize(4).allMatch(l -> l.contains(" total "));
        assertThat(totals.get(2)).as("import of both meters on both days").contains("import  total");
    }

    @Test
    void aSimulatedFleetIsPlottedAsPngAndSvg() throws Exception {
        Path png = dir.resolve("days.png");
        Path svg = dir.resolve("days.svg");

        assertThat(report("--plot", png.toString()).exitCode()).isZero();
        assertThat(report("--plot", svg.toString()).exitCode()).isZero();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getHeight()).as("a panel a meter").isEqualTo(90 + 2 * 220);
        assertThat(SvgFiles.parse(svg).getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void theFirstDayIsPartialSinceTheFirstRowEndsTheFirstStep() throws Exception {
        Cli.Result r = Cli.run(
                "report",
                "--db",
                db.toString(),
                "--from",
                "2026-01-01T00:00:00Z",
                "--to",
                "2026-01-02T00:00:00Z",
                "-f",
                "json");

        JsonNode first = new ObjectMapper().readTree(r.out()).get(0);
        assertThat(first.get("partial").asBoolean()).isTrue();
        assertThat(first.get("energy").asDouble()).as("T1 from 02:00 to 08:00").isCloseTo(41.4, within(1e-9));
    }
}
