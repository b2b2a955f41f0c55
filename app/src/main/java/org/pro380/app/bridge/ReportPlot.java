package org.pro380.app.bridge;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.pro380.bridge.Report;
import org.pro380.registers.Meaning;
import org.pro380.registers.Tariff;

/**
 * {@code report --plot}: imported active energy per period as bars stacked by tariff, one panel
 * per meter, drawn with Java2D into a PNG.
 */
final class ReportPlot {
    static final int WIDTH = 900;
    static final int PANEL = 220;
    static final int TOP = 40;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int BOTTOM = 40;
    static final Map<Tariff, Color> COLORS = Map.of(Tariff.T1, new Color(0x1565c0), Tariff.T2, new Color(0xef6c00),
            Tariff.T3, new Color(0x2e7d32));

    private ReportPlot() {
    }

    static void write(List<Report.Row> rows, ZoneId zone, Path file) throws IOException {
        Map<Report.Meter, List<Report.Row>> byMeter = new LinkedHashMap<>();
        for (Report.Row r : rows) {
            Meaning.Energy e = r.meaning();
            if (e.kind() == Meaning.EnergyKind.ACTIVE && e.flow() == Meaning.Flow.FORWARD && e.scope().tariff().isPresent()) {
                byMeter.computeIfAbsent(r.meter(), m -> new ArrayList<>()).add(r);
            }
        }
        BufferedImage image = new BufferedImage(WIDTH, TOP + PANEL * Math.max(1, byMeter.size()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend(g);
        int panel = 0;
        for (Map.Entry<Report.Meter, List<Report.Row>> e : byMeter.entrySet()) {
            panel(g, e.getKey(), e.getValue(), zone, TOP + panel++ * PANEL);
        }
        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static void legend(Graphics2D g) {
        g.setColor(Color.DARK_GRAY);
        g.drawString("imported active energy (kWh) per period, by tariff", LEFT, 20);
        int x = WIDTH - RIGHT - 150;
        for (Tariff t : Tariff.values()) {
            g.setColor(COLORS.get(t));
            g.fillRect(x, 10, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(t.name(), x + 16, 21);
            x += 50;
        }
    }

    /** One meter: per period, the tariffs' energies stacked from the axis up. */
    private static void panel(Graphics2D g, Report.Meter meter, List<Report.Row> rows, ZoneId zone, int top) {
        Map<Instant, Map<Tariff, Double>> periods = new LinkedHashMap<>();
        for (Report.Row r : rows) {
            periods.computeIfAbsent(r.from(), p -> new LinkedHashMap<>())
                    .put(r.meaning().scope().tariff().orElseThrow(), Math.max(0, r.energy().orElse(0.0)));
        }
        double most = periods.values().stream().mapToDouble(m -> m.values().stream().mapToDouble(Double::doubleValue).sum())
                .max().orElse(0);
        double scale = most > 0 ? most : 1;
        int axis = top + PANEL - BOTTOM;
        int height = PANEL - BOTTOM - 30;
        g.setColor(Color.DARK_GRAY);
        g.drawString(ReportCommand.meterName(meter) + (meter.serial() == null ? "" : " (" + meter.serial() + ")"), LEFT, top + 15);
        g.drawString(String.format(Locale.ROOT, "%.1f", most), 10, axis - height + 4);
        g.drawString("0", 10, axis + 4);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, axis, WIDTH - RIGHT, axis);
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, periods.size());
        int bar = (int) Math.max(1, slot * 0.7);
        int labelEvery = Math.max(1, periods.size() / 10);
        int i = 0;
        for (Map.Entry<Instant, Map<Tariff, Double>> p : periods.entrySet()) {
            int x = (int) (LEFT + i * slot + (slot - bar) / 2);
            int y = axis;
            for (Tariff t : Tariff.values()) {
                int h = (int) Math.round(p.getValue().getOrDefault(t, 0.0) / scale * height);
                g.setColor(COLORS.get(t));
                g.fillRect(x, y - h, bar, h);
                y -= h;
            }
            if (i % labelEvery == 0) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(p.getKey().atZone(zone).toLocalDate().toString(), x, axis + 16);
            }
            i++;
        }
    }
}
