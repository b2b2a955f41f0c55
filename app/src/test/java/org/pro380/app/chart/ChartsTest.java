package org.pro380.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plots' value axes: round ticks, zero printed as 0, labels that say what the tick is. */
class ChartsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "0, 2, 0",
        "0.30000000000000004, 2, 0.3",
        "0.02, 2, 0.02",
        "-0.0, 1, 0",
        "1200, 0, 1200",
        "0.0049, 3, 0.005"
    })
    void aTickIsPrintedWithTheDecimalsItNeeds(double value, int decimals, String text) {
        assertThat(new Charts.TickFormat(decimals).format(value)).isEqualTo(text);
    }

    @Test
    void smallEnergiesAreTickedAtHundredthsFromZero() throws Exception {
        XYSeries kwh = new XYSeries("energy");
        for (int i = 0; i < 10; i++) {
            kwh.add(i, 0.0043 * i);
        }
        NumberAxis axis = Charts.valueAxis("kWh");
        JFreeChart chart = new JFreeChart(new XYPlot(
                new XYSeriesCollection(kwh), new NumberAxis("x"), axis, new XYLineAndShapeRenderer(true, false)));
        Path svg = dir.resolve("ticks.svg");

        Charts.save(svg, 400, 600, List.of(chart));

        assertThat(SvgFiles.parse(svg).getDocumentElement().getTagName()).isEqualTo("svg");
        List<String> labels = labels(Files.readString(svg));
        assertThat(labels).contains("0", "0.01", "0.02", "0.03").doesNotContain("0.00", "0.0", "0.010");
    }

    private static List<String> labels(String svg) {
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile(">([-0-9.]+)</text>").matcher(svg);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }
}
