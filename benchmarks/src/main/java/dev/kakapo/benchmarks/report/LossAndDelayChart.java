package dev.kakapo.benchmarks.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The chart of a perfdhcp run: loss (top) and the average DISCOVER-OFFER + REQUEST-ACK delay
 * (bottom, logarithmic) against the offered rate (logarithmic, as the script raises it by a
 * factor each step), one line per contestant. Drawn with the JDK's own 2D graphics, headless.
 */
public final class LossAndDelayChart {

    /** One measured step of one contestant. */
    public record Point(double offered, double lossPercent, double delayMillis) {
    }

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 760;
    private static final int LEFT = 80;
    private static final int RIGHT = 190;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0x7f7f7f)};

    private final Map<String, List<Point>> series = new LinkedHashMap<>();

    /** Adds a step of {@code contestant}. */
    public void add(String contestant, Point point) {
        series.computeIfAbsent(contestant, c -> new ArrayList<>()).add(point);
    }

    /** Writes the chart as a PNG file. */
    public void write(Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 28);
            double minRate = Double.MAX_VALUE;
            double maxRate = 0;
            double maxDelay = 1;
            double minDelay = Double.MAX_VALUE;
            for (List<Point> points : series.values()) {
                for (Point p : points) {
                    minRate = Math.min(minRate, p.offered);
                    maxRate = Math.max(maxRate, p.offered);
                    if (p.delayMillis > 0 && !Double.isNaN(p.delayMillis)) {
                        maxDelay = Math.max(maxDelay, p.delayMillis);
                        minDelay = Math.min(minDelay, p.delayMillis);
                    }
                }
            }
            if (maxRate == 0) {
                minRate = 1;
                maxRate = 10;
            }
            minDelay = minDelay == Double.MAX_VALUE ? 0.1 : minDelay;
            Axis rates = Axis.logarithmic(minRate / 1.1, maxRate * 1.1);
            Panel loss = new Panel(50, 340, "loss (%)", Axis.linear(0, 20), rates);
            Panel delay = new Panel(420, 700, "average delay DO + RA (ms)",
                    Axis.logarithmic(Math.pow(10, Math.floor(Math.log10(minDelay))), Math.pow(10, Math.ceil(Math.log10(maxDelay)))),
                    rates);
            loss.frame(g);
            delay.frame(g);
            int i = 0;
            series.values().forEach(points -> points.sort(Comparator.comparingDouble(Point::offered)));
            for (Map.Entry<String, List<Point>> entry : series.entrySet()) {
                Color colour = COLOURS[i % COLOURS.length];
                loss.line(g, entry.getValue(), p -> Math.min(20, p.lossPercent), colour);
                delay.line(g, entry.getValue(), p -> p.delayMillis, colour);
                g.setColor(colour);
                g.fillRect(WIDTH - RIGHT + 20, 70 + i * 22, 14, 14);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                g.drawString(entry.getKey(), WIDTH - RIGHT + 42, 82 + i * 22);
                i++;
            }
            g.drawString("offered rate (4-way exchanges/s)", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 100, HEIGHT - 18);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** A mapping of values onto [0, 1], linear or logarithmic. */
    private record Axis(double min, double max, boolean log) {
        static Axis linear(double min, double max) {
            return new Axis(min, max, false);
        }

        static Axis logarithmic(double min, double max) {
            return new Axis(min, Math.max(max, min * 10), true);
        }

        double fraction(double value) {
            if (log) {
                return (Math.log(Math.max(value, min)) - Math.log(min)) / (Math.log(max) - Math.log(min));
            }
            return (value - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double decade = Math.pow(10, Math.floor(Math.log10(min))); decade <= max; decade *= 10) {
                    for (double m : new double[] {1, 2, 5}) {
                        double v = decade * m;
                        if (v >= min && v <= max) {
                            ticks.add(v);
                        }
                    }
                }
            } else {
                for (int k = 0; k <= 4; k++) {
                    ticks.add(min + (max - min) * k / 4);
                }
            }
            return ticks;
        }
    }

    /** One plot area: y from top to bottom pixels, x across the image. */
    private record Panel(int top, int bottom, String label, Axis y, Axis x) {

        int px(double value) {
            return LEFT + (int) Math.round(x.fraction(value) * (WIDTH - LEFT - RIGHT));
        }

        int py(double value) {
            return bottom - (int) Math.round(Math.max(0, Math.min(1, y.fraction(value))) * (bottom - top));
        }

        void frame(Graphics2D g) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (double tick : y.ticks()) {
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(LEFT, py(tick), WIDTH - RIGHT, py(tick));
                g.setColor(Color.BLACK);
                g.drawString(format(tick), 10, py(tick) + 4);
            }
            for (double tick : x.ticks()) {
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(px(tick), top, px(tick), bottom);
                g.setColor(Color.BLACK);
                g.drawString(format(tick), px(tick) - 12, bottom + 16);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, bottom - top);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(label, LEFT + 6, top - 6);
        }

        void line(Graphics2D g, List<Point> points, ToDoubleFunction<Point> value, Color colour) {
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f));
            int[] previous = null;
            for (Point p : points) {
                double v = value.applyAsDouble(p);
                if (Double.isNaN(v)) {
                    previous = null;
                    continue;
                }
                int[] here = {px(p.offered), py(v)};
                g.fillOval(here[0] - 3, here[1] - 3, 7, 7);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], here[0], here[1]);
                }
                previous = here;
            }
            g.setStroke(new BasicStroke(1f));
        }

        private static String format(double v) {
            if (v >= 1000) {
                return String.format(Locale.ROOT, "%.0fk", v / 1000);
            }
            return v >= 1 || v == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
        }
    }
}
