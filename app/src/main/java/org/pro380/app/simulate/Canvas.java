package org.pro380.app.simulate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The few things a plot draws, onto SVG text or a PNG image. Colours are "#rrggbb". */
interface Canvas {

    void rect(double x, double y, double w, double h, String fill);

    void line(double x1, double y1, double x2, double y2, String stroke, double width);

    void polyline(double[] xs, double[] ys, String stroke, double width);

    /** Text at its baseline; {@code anchor} is "start", "middle" or "end". */
    void text(double x, double y, String text, int size, String anchor);

    void save(Path file) throws IOException;

    static Canvas forFile(Path file, int width, int height) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
                ? new Png(width, height) : new Svg(width, height);
    }

    /** SVG text, written as is: no library, no browser. */
    final class Svg implements Canvas {
        private final StringBuilder svg = new StringBuilder();

        Svg(int width, int height) {
            svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\""
                    + " fill=\"#ffffff\"/>%n", width, height, width, height));
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                    x, y, w, h, fill));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                    + " stroke-width=\"%.1f\"/>%n", x1, y1, x2, y2, stroke, width));
        }

        @Override
        public void polyline(double[] xs, double[] ys, String stroke, double width) {
            svg.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                    .append(width).append("\" points=\"");
            for (int i = 0; i < xs.length; i++) {
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
            }
            svg.append("\"/>\n");
        }

        @Override
        public void text(double x, double y, String text, int size, String anchor) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                    x, y, size, anchor, text.replace("&", "&amp;").replace("<", "&lt;")));
        }

        @Override
        public void save(Path file) throws IOException {
            Files.writeString(file, svg + "</svg>\n", StandardCharsets.UTF_8);
        }
    }

    /** A PNG drawn with Java2D, headless. */
    final class Png implements Canvas {
        private final BufferedImage image;
        private final Graphics2D g;

        Png(int width, int height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill) {
            g.setColor(Color.decode(fill));
            g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
            g.setColor(Color.decode(stroke));
            g.setStroke(new BasicStroke((float) width));
            g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void polyline(double[] xs, double[] ys, String stroke, double width) {
            java.awt.geom.Path2D.Double path = new java.awt.geom.Path2D.Double();
            for (int i = 0; i < xs.length; i++) {
                if (i == 0) {
                    path.moveTo(xs[i], ys[i]);
                } else {
                    path.lineTo(xs[i], ys[i]);
                }
            }
            g.setColor(Color.decode(stroke));
            g.setStroke(new BasicStroke((float) width));
            g.draw(path);
        }

        @Override
        public void text(double x, double y, String text, int size, String anchor) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            int w = g.getFontMetrics().stringWidth(text);
            double shift = switch (anchor) {
                case "middle" -> w / 2.0;
                case "end" -> w;
                default -> 0;
            };
            g.drawString(text, (float) (x - shift), (float) y);
        }

        @Override
        public void save(Path file) throws IOException {
            g.dispose();
            ImageIO.write(image, "png", file.toFile());
        }
    }
}
