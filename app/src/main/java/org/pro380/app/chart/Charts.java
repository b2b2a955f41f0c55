package org.pro380.app.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.svg.SVGGraphics2D;
import org.pro380.registers.Tariff;

/**
 * What report's and simulate's plots share, drawn by JFreeChart: value axes ticked at round values
 * (0, 0.01, 0.02 ... or 0, 200, 400 ...) and labelled with just the digits they need, bars stacked
 * by tariff in the same colours, and charts written one above the other into a PNG or an SVG.
 */
public final class Charts {

    public static final Map<Tariff, Color> TARIFF_COLOURS =
            Map.of(Tariff.T1, new Color(0x1565c0), Tariff.T2, new Color(0xef6c00), Tariff.T3, new Color(0x2e7d32));
    public static final Color EXPORT_COLOUR = new Color(0xc62828);
    private static final TickUnits ROUND = roundUnits();

    private Charts() {}

    /** Whether {@code file} names an image a plot can be: .png or .svg. */
    public static boolean isPlotFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".svg");
    }

    /** A value axis through zero with round ticks. */
    public static NumberAxis valueAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(ROUND);
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }

    /**
     * Bars stacked upwards (negative values downwards), flat, for a dataset whose series are T1, T2,
     * T3 and then, if any, the export.
     */
    public static StackedXYBarRenderer tariffBars() {
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.15);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        for (Tariff t : Tariff.values()) {
            bars.setSeriesPaint(t.ordinal(), TARIFF_COLOURS.get(t));
        }
        bars.setSeriesPaint(Tariff.values().length, EXPORT_COLOUR);
        return bars;
    }

    /** Draws {@code charts} one above the other, each {@code height} high, into a PNG or SVG by the file's name. */
    public static void save(Path file, int width, int height, List<JFreeChart> charts) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SVGGraphics2D svg = new SVGGraphics2D(width, height * charts.size());
            svg.setGeomDoubleConverter(Charts::tenths); // a tenth of a pixel is as fine as a plot needs
            draw(svg, width, height, charts);
            // no DOCTYPE: a reader would fetch the DTD from the web
            Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.getSVGElement() + "\n");
            return;
        }
        BufferedImage image = new BufferedImage(width, height * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        draw(g, width, height, charts);
        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static String tenths(double value) {
        return BigDecimal.valueOf(Math.round(value * 10), 1)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static void draw(Graphics2D g, int width, int height, List<JFreeChart> charts) {
        for (int i = 0; i < charts.size(); i++) {
            JFreeChart chart = charts.get(i);
            chart.setBackgroundPaint(Color.WHITE);
            chart.draw(g, new Rectangle(0, i * height, width, height));
        }
    }

    /** 1, 2 and 5 times the powers of ten from 10^-6 to 10^9, each printed with the decimals it needs. */
    private static TickUnits roundUnits() {
        TickUnits units = new TickUnits();
        for (int exponent = -6; exponent <= 9; exponent++) {
            for (int times : new int[] {1, 2, 5}) {
                BigDecimal size = BigDecimal.valueOf(times).scaleByPowerOfTen(exponent);
                units.add(new NumberTickUnit(size.doubleValue(), new TickFormat(Math.max(0, -exponent))));
            }
        }
        return units;
    }

    /**
     * A tick's value rounded to the tick unit's decimals, without trailing zeros: 0 is "0", a
     * multiple of 0.01 computed as 0.30000000000000004 is "0.3".
     */
    static final class TickFormat extends NumberFormat {
        private final int decimals;

        TickFormat(int decimals) {
            this.decimals = decimals;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition position) {
            BigDecimal value = BigDecimal.valueOf(number).setScale(decimals, RoundingMode.HALF_UP);
            return to.append(
                    value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition position) {
            return to.append(number);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("a tick label is only printed");
        }
    }
}
