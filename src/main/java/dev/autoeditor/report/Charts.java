package dev.autoeditor.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, drawn by JFreeChart into PNG images: line charts (loss curves, learning rate,
 * gradient norm, PPO statistics), histograms, grouped bars and the calibration diagram. Headless:
 * nothing here opens a window, and text is drawn with the logical "SansSerif" font, which fontconfig
 * maps to an installed font (DejaVu Sans where .ci/run and the launcher installed it).
 */
public final class Charts {
    /** Colours in series order: colour-blind-safe (Okabe and Ito), dark enough for thin lines on white. */
    static final Color[] SERIES = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
    };
    private static final Color GRID = new Color(0xDDDDDD);
    public static final int WIDTH = 560;
    public static final int HEIGHT = 300;

    private Charts() {}

    /** One line of a line chart; NaN and infinite points are left out. */
    public record Series(String name, double[] x, double[] y, boolean emphasised) {
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, true);
        }
    }

    /** A labelled vertical line across a line chart (best checkpoint, early stop). */
    public record Marker(double x, String label) {}

    /** A line chart; with {@code logY}, non-positive values are left out and the axis is logarithmic. */
    public static ChartImage lines(String title, String xLabel, String yLabel, List<Series> series, List<Marker> markers, boolean logY) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < Math.min(s.x().length, s.y().length); i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0)) xy.add(x, y);
            }
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        if (logY) {
            LogAxis axis = new LogAxis(yLabel);
            axis.setSmallestValue(1e-12);
            axis.setNumberFormatOverride(new java.text.DecimalFormat("0.###E0"));
            plot.setRangeAxis(axis);
        } else {
            NumberAxis axis = (NumberAxis) plot.getRangeAxis();
            axis.setAutoRangeIncludesZero(false);
            double lo = data.getSeriesCount() == 0 ? Double.NaN : org.jfree.data.general.DatasetUtils.findMinimumRangeValue(data).doubleValue();
            double hi = data.getSeriesCount() == 0 ? Double.NaN : org.jfree.data.general.DatasetUtils.findMaximumRangeValue(data).doubleValue();
            if (Double.isFinite(lo) && Double.isFinite(hi) && hi - lo <= 1e-9 * Math.max(1, Math.abs(hi))) {
                // A constant series: JFreeChart would zoom into rounding noise; show the value with room around it.
                double d = Math.max(Math.abs(hi) * 0.05, 1e-6);
                axis.setRange(hi - d, hi + d);
            }
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.size(); i++) {
            Color c = SERIES[i % SERIES.length];
            boolean strong = series.get(i).emphasised();
            renderer.setSeriesPaint(i, strong ? c : new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
            renderer.setSeriesStroke(i, new BasicStroke(strong ? 2.0f : 1.0f));
            // A series of a few points (epoch means) shows its points so a single epoch is still visible.
            boolean few = data.getSeries(i).getItemCount() <= 30;
            renderer.setSeriesShapesVisible(i, few && strong);
        }
        plot.setRenderer(renderer);
        for (Marker m : markers) {
            ValueMarker line = new ValueMarker(m.x(), new Color(0x555555), new BasicStroke(1.0f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
            line.setLabel(m.label());
            line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            line.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(line);
        }
        return render(chart, WIDTH, HEIGHT, title + ": " + describe(series));
    }

    /**
     * A histogram from counts over bins {@code [edges[i], edges[i+1])}, one bar series per entry of
     * {@code counts} (drawn over each other, semi-transparent).
     */
    public static ChartImage histogram(String title, String xLabel, String yLabel, double[] edges, Map<String, double[]> counts) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (var e : counts.entrySet()) {
            XYIntervalSeries s = new XYIntervalSeries(e.getKey());
            for (int i = 0; i + 1 < edges.length; i++) {
                double y = e.getValue()[i];
                s.add((edges[i] + edges[i + 1]) / 2, edges[i], edges[i + 1], y, 0, y);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYBarChart(title, xLabel, false, yLabel, data, PlotOrientation.VERTICAL,
                counts.size() > 1, false, false);
        style(chart);
        XYBarRenderer renderer = (XYBarRenderer) chart.getXYPlot().getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        for (int i = 0; i < counts.size(); i++) {
            Color c = SERIES[i % SERIES.length];
            renderer.setSeriesPaint(i, counts.size() > 1 ? new Color(c.getRed(), c.getGreen(), c.getBlue(), 150) : c);
            renderer.setSeriesOutlinePaint(i, Color.WHITE);
        }
        return render(chart, WIDTH, HEIGHT, title + " (" + (edges.length - 1) + " bins from " + fmt(edges[0]) + " to "
                + fmt(edges[edges.length - 1]) + ")");
    }

    /** Grouped bars: one group per category, one bar per series. */
    public static ChartImage bars(String title, String categoryLabel, String valueLabel, List<String> categories,
                                  Map<String, double[]> series, boolean logY) {
        return bars(title, categoryLabel, valueLabel, categories, series, logY, false);
    }

    /** Grouped bars; with {@code unitRange} the value axis runs from 0 to 1 (scores such as F1). */
    public static ChartImage bars(String title, String categoryLabel, String valueLabel, List<String> categories,
                                  Map<String, double[]> series, boolean logY, boolean unitRange) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (var e : series.entrySet()) {
            for (int i = 0; i < categories.size(); i++) {
                double v = e.getValue()[i];
                data.addValue(Double.isFinite(v) && (!logY || v > 0) ? v : null, e.getKey(), categories.get(i));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        if (logY) {
            LogAxis axis = new LogAxis(valueLabel);
            axis.setSmallestValue(0.5);
            plot.setRangeAxis(axis);
        } else if (unitRange) {
            plot.getRangeAxis().setRange(0, 1.0);
        }
        if (categories.size() > 10) plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.setRangeGridlinePaint(GRID);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < series.size(); i++) renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
        return render(chart, WIDTH, HEIGHT, title + ": " + String.join(", ", series.keySet()) + " over " + categories.size() + " "
                + categoryLabel);
    }

    /**
     * A reliability diagram: per bin, the mean predicted probability against the observed rate, with
     * the diagonal a perfectly calibrated predictor would follow. Both axes are logarithmic, since cut
     * probabilities crowd near 0; bins without observations are left out.
     */
    public static ChartImage calibration(String title, double[] predictedMean, double[] observedRate, long[] counts) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries model = new XYSeries("observed cut rate per bin", false, true);
        double lo = 1;
        for (int i = 0; i < predictedMean.length; i++) {
            if (counts[i] > 0 && predictedMean[i] > 0 && observedRate[i] > 0) {
                model.add(predictedMean[i], observedRate[i]);
                lo = Math.min(lo, Math.min(predictedMean[i], observedRate[i]));
            }
            if (counts[i] > 0 && predictedMean[i] > 0) lo = Math.min(lo, predictedMean[i]);
        }
        lo = Math.max(1e-6, lo / 2);
        XYSeries diagonal = new XYSeries("perfect calibration", false, true);
        diagonal.add(lo, lo);
        diagonal.add(1.0, 1.0);
        data.addSeries(model);
        data.addSeries(diagonal);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "mean predicted cut probability in bin",
                "observed cut rate in bin", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("mean predicted cut probability in bin");
        LogAxis y = new LogAxis("observed cut rate in bin");
        for (LogAxis a : List.of(x, y)) {
            a.setRange(lo, 1.0);
            a.setNumberFormatOverride(new java.text.DecimalFormat("0.####"));
        }
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, SERIES[0]);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesPaint(1, new Color(0x888888));
        r.setSeriesShapesVisible(1, false);
        r.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
        plot.setRenderer(r);
        return render(chart, WIDTH, HEIGHT, title + ": " + model.getItemCount() + " bins with observed cuts against the diagonal");
    }

    private static void style(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getLegend() != null) chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }

    static ChartImage render(JFreeChart chart, int width, int height, String description) {
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        return new ChartImage(png(image), width, height, description);
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in this Java runtime");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String describe(List<Series> series) {
        StringBuilder sb = new StringBuilder();
        for (Series s : series) {
            if (sb.length() > 0) sb.append("; ");
            int n = 0;
            double last = Double.NaN;
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    n++;
                    last = v;
                }
            }
            sb.append(s.name()).append(" (").append(n).append(" points, last ").append(fmt(last)).append(')');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) return "n/a";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) return String.format(java.util.Locale.ROOT, "%.3e", v);
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
