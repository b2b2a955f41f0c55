package org.pro380.app.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.pro380.app.chart.Charts;
import org.pro380.registers.Tariff;
import org.pro380.simulate.PlotData;

/**
 * {@code simulate --plot}: meter 1's daily energy per tariff (import up, export down) over the
 * range, and its power on one day, one chart above the other, in UTC.
 */
final class SimulationPlot {

    static final int WIDTH = 960;
    static final int HEIGHT = 320;
    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

    private SimulationPlot() {}

    static void draw(PlotData data, String title, Path file) throws IOException {
        Charts.save(file, WIDTH, HEIGHT, List.of(dailyEnergy(data, title), power(data)));
    }

    private static JFreeChart dailyEnergy(PlotData data, String title) {
        TimeTableXYDataset days = new TimeTableXYDataset(UTC);
        for (PlotData.Day day : data.days()) {
            long start = day.date().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            SimpleTimePeriod period = new SimpleTimePeriod(new Date(start), new Date(start + 86_400_000L - 1));
            for (Tariff t : Tariff.values()) {
                days.add(period, day.importKwh().get(t.ordinal()), t.name(), false);
            }
            days.add(period, -day.exportKwh(), "export", false);
        }
        XYPlot plot = new XYPlot(days, dateAxis("day (UTC)"), Charts.valueAxis("kWh a day"), Charts.tariffBars());
        return chart(title + ": meter 1's energy a day, import by tariff up, export down", plot);
    }

    private static JFreeChart power(PlotData data) {
        XYSeries kw = new XYSeries("active power", false, true);
        for (PlotData.Sample s : data.samples()) {
            kw.add(s.time().toEpochMilli(), s.watts() / 1000);
        }
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setDrawSeriesLineAsPath(true); // one path, not a line element per minute
        line.setSeriesPaint(0, Charts.TARIFF_COLOURS.get(Tariff.T1));
        XYPlot plot = new XYPlot(
                new XYSeriesCollection(kw), dateAxis("time (UTC)"), Charts.valueAxis("kW; below 0: export"), line);
        return chart("meter 1's power on " + data.day(), plot);
    }

    private static DateAxis dateAxis(String label) {
        DateAxis axis = new DateAxis(label);
        axis.setTimeZone(UTC);
        return axis;
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
    }
}
