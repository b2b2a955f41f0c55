package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    private static long pixels(BufferedImage image, Tariff tariff) {
        int rgb = ReportPlot.COLORS.get(tariff).getRGB();
        long n = 0;
        for (int y = ReportPlot.TOP; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void barsAreStackedByTariffInProportionToTheEnergy() throws Exception {
        Report.Meter main = new Report.Meter(1, "house", 1, "main", "22091039");
        Report.Meter garage = new Report.Meter(2, "house", 2, "", "22091040");
        List<Report.Row> rows = List.of(
                row(main, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T1, 4.0), row(main, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T2, 2.0),
                row(main, DAY2, Registers.FORWARD_ACTIVE_ENERGY_T1, 0.0), row(main, DAY2, Registers.FORWARD_ACTIVE_ENERGY_T2, 0.0),
                row(main, DAY1, Registers.REVERSE_ACTIVE_ENERGY_T1, 9.0), row(main, DAY1, Registers.FORWARD_ACTIVE_ENERGY, 6.0),
                row(garage, DAY1, Registers.FORWARD_ACTIVE_ENERGY_T3, 1.0));
        Path png = dir.resolve("plot.png");
        ReportPlot.write(rows, ZoneOffset.UTC, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ReportPlot.WIDTH);
        assertThat(image.getHeight()).as("two meters, two panels").isEqualTo(ReportPlot.TOP + 2 * ReportPlot.PANEL);
        // plot width 900 - 70 - 20 = 810 px, bars 70 % of a period's slot, the tallest stack 150 px high:
        // main has 2 periods (bars 283 px wide), 6 kWh the most: T1 4 kWh = 100 px, T2 2 kWh = 50 px;
        // the garage has 1 period (567 px wide) of 1 kWh on T3: 150 px. Export and totals are left out.
        assertThat(pixels(image, Tariff.T1)).isEqualTo(100 * 283);
        assertThat(pixels(image, Tariff.T2)).isEqualTo(50 * 283);
        assertThat(pixels(image, Tariff.T3)).isEqualTo(150 * 567);
    }

    @Test
    void onlyPngIsWritten() {
        Cli.Result r = Cli.run("report", "--db", dir.resolve("x.db").toString(), "--from", "2026-01-01", "--plot", "out.svg");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pro380: --plot writes a PNG: give a file name ending in .png, got 'out.svg'\n");
    }
}
