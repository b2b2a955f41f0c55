package org.pro380.app.bridge;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DateFormat;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimeTableXYDataset;
import org.pro380.app.chart.Charts;
import org.pro380.bridge.Report;
import org.pro380.registers.Meaning;
import org.pro380.registers.Tariff;

/**
 * {@code report --plot}: imported active energy per period as bars stacked by tariff, one panel
 * per meter on a shared time axis (local time), into a PNG or an SVG.
 */
final class ReportPlot {
    static final int WIDTH = 900;
    static final int TOP = 90;
    static final int PANEL = 220;

    private ReportPlot() {}

    static void write(List<Report.Row> rows, Path file) throws IOException {
        // the report gives T1, T2 and T3 of each period in this order: the series are the tariffs in order
        Map<Report.Meter, TimeTableXYDataset> byMeter = new LinkedHashMap<>();
        for (Report.Row r : rows) {
            Meaning.Energy e = r.meaning();
            if (e.kind() == Meaning.EnergyKind.ACTIVE
                    && e.flow() == Meaning.Flow.FORWARD
                    && e.scope().tariff().isPresent()
                    && r.energy().isPresent()) {
                SimpleTimePeriod period =
                        new SimpleTimePeriod(Date.from(r.from()), new Date(r.to().toEpochMilli() - 1));
                byMeter.computeIfAbsent(r.meter(), m -> new TimeTableXYDataset())
                        .add(
                                period,
                                Math.max(0, r.energy().get()),
                                e.scope().tariff().get().name(),
                                false);
            }
        }
        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(timeAxis(rows));
        panels.setGap(12);
        for (Map.Entry<Report.Meter, TimeTableXYDataset> m : byMeter.entrySet()) {
            panels.add(new XYPlot(m.getValue(), null, Charts.valueAxis(label(m.getKey())), Charts.tariffBars()));
        }
        panels.setFixedLegendItems(legend());
        JFreeChart chart = new JFreeChart(
                "imported active energy per period, by tariff",
                JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f),
                panels,
                true);
        Charts.save(file, WIDTH, TOP + PANEL * Math.max(1, byMeter.size()), List.of(chart));
    }

    /** Periods of a day or more are ticked at whole days, weeks, months or years, and labelled by date. */
    private static DateAxis timeAxis(List<Report.Row> rows) {
        DateAxis axis = new DateAxis("period (local time)");
        boolean days =
                rows.stream().allMatch(r -> Duration.between(r.from(), r.to()).compareTo(Duration.ofHours(23)) >= 0);
        if (days) {
            TickUnits units = new TickUnits();
            DateFormat date = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
            for (int n : new int[] {1, 2, 7, 14}) {
                units.add(new DateTickUnit(DateTickUnitType.DAY, n, date));
            }
            DateFormat month = new SimpleDateFormat("yyyy-MM", Locale.ROOT);
            for (int n : new int[] {1, 3, 6}) {
                units.add(new DateTickUnit(DateTickUnitType.MONTH, n, month));
            }
            units.add(new DateTickUnit(DateTickUnitType.YEAR, 1, new SimpleDateFormat("yyyy", Locale.ROOT)));
            axis.setStandardTickUnits(units);
        }
        return axis;
    }

    private static String label(Report.Meter m) {
        return ReportCommand.meterName(m) + (m.serial() == null ? "" : " (" + m.serial() + ")") + ", kWh";
    }

    private static LegendItemCollection legend() {
        LegendItemCollection items = new LegendItemCollection();
        for (Tariff t : Tariff.values()) {
            items.add(new LegendItem(t.name(), Charts.TARIFF_COLOURS.get(t)));
        }
        return items;
    }
}
