package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.chart.Charts;
import org.pro380.app.chart.SvgFiles;
import org.pro380.app.client.Cli;
import org.pro380.bridge.Report;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Tariff;

class ReportPlotTest {
    private static final Instant DAY1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-01-02T00:00:00Z");

    @TempDir
    Path dir;

    private static Report.Row row(Report.Meter m, Instant from, Register<?> counter, double kWh) {
        return new Report.Row(from, from.plusSeconds(86400), m, counter, Optional.of(kWh), 0, false);
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private final Report.Meter main = new Report.Meter(1, "house", 1, "main", "22091039");
    private final Report.Meter garage = new Report.Meter(2, "house", 2, "", "22091040");
    private final List<Report.Row> rows = List.of(
            row(main, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T1, 4.0),
            row(main, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T2, 2.0),
            row(main, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T3, 0.0),
            row(main, DAY2, Registers.FORWARD_ACTIVE_ENERGY_T1, 0.0),
            row(main, DAY2, Registers.FORWARD_ACTIVE_ENERGY_T2, 0.0),
            row(main, DAY2, Registers.FORWARD_ACTIVE_ENERGY_T3, 0.0),
            row(main, DAY1, Registers.REVERSE_ACTIVE_ENERGY_T1, 9.0),
            row(main, DAY1, Registers.FORWARD_ACTIVE_ENERGY, 6.0),
            row(garage, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T1, 0.0),
            row(garage, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T2, 0.0),
            row(garage, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T3, 1.0));

    @Test
    void barsAreStackedByTariffInProportionToTheEnergy() throws Exception {
        Path png = dir.resolve("plot.png");
        ReportPlot.write(rows, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ReportPlot.WIDTH);
        assertThat(image.getHeight()).as("two meters, two panels").isEqualTo(ReportPlot.TOP + 2 * ReportPlot.PANEL);
        // main's one bar holds T1 4 kWh under T2 2 kWh: T1's area is twice T2's (the legend's squares aside)
        long t1 = pixels(image, Charts.TARIFF_COLOURS.get(Tariff.T1).getRGB());
        long t2 = pixels(image, Charts.TARIFF_COLOURS.get(Tariff.T2).getRGB());
        assertThat((double) t1 / t2).isCloseTo(2.0, within(0.1));
        assertThat(pixels(image, Charts.TARIFF_COLOURS.get(Tariff.T3).getRGB()))
                .as("the garage's T3")
                .isGreaterThan(t2);
        assertThat(pixels(image, Charts.EXPORT_COLOUR.getRGB()))
                .as("export is left out")
                .isZero();
    }

    @Test
    void theSvgIsWellFormedWithRoundTicks() throws Exception {
        Path svg = dir.resolve("plot.svg");
        ReportPlot.write(rows, svg);

        assertThat(SvgFiles.parse(svg).getDocumentElement().getTagName()).isEqualTo("svg");
        String text = Files.readString(svg);
        assertThat(text)
                .contains(">0<")
                .contains(">0.5<")
                .contains(">6<")
                .doesNotContain(">0.0<")
                .contains(">2026-01-02<");
    }

    @Test
    void onlyPngAndSvgAreWritten() {
        Cli.Result r =
                Cli.run("report", "--db", dir.resolve("x.db").toString(), "--from", "2026-01-01", "--plot", "out.gif");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("pro380: --plot writes a PNG or an SVG: give a file name ending in .png or .svg,"
                        + " got 'out.gif'\n");
    }
}
