package dev.autoeditor.report;

import dev.autoeditor.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Draws keyframe tables as a timeline picture: one lane per video track (V1 at the bottom, as in an
 * editor), time left to right, each clip a bar in its source's colour, a dark tick at every cut (a
 * track turning on or off or changing source), a thin dark line for the clip's scale and a thin
 * dashed white line for its crop (the four sides summed, drawn only where something is cropped). Several
 * panels (a generated continuation and the true one) share one time axis, one colour per source
 * number and one scale range, so they compare at a glance.
 *
 * <pre>{@code
 * TimelineFrames generated = TimelineFrames.read(Path.of("samples/s1.generated.csv"), null);
 * TimelineFrames truth = TimelineFrames.read(Path.of("samples/s1.truth.csv"), null);
 * new TimelinePicture().titled("sample 1").write(Path.of("s1.png"),
 *         List.of(new TimelinePicture.Panel("generated", generated), new TimelinePicture.Panel("true continuation", truth)));
 * }</pre>
 *
 * Colours follow the CSV's asset numbers, which {@code convert} assigns per sequence in order of
 * first use; two panels show the same source in the same colour when their CSVs number sources alike.
 */
public final class TimelinePicture {
    /** One band of the picture: a label and the frames drawn under it. */
    public record Panel(String label, TimelineFrames frames) {}

    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
    };
    private static final Color LANE = new Color(0xF2F2F2);
    private static final Color INK = new Color(0x222222);
    private static final Color CUT = new Color(0x111111);
    private static final int LEFT = 46;
    private static final int RIGHT = 16;
    private static final int GAP = 3;

    private final int width;
    private final int laneHeight;
    private final String title;

    /** 1000 pixels wide, 18-pixel lanes, no title. */
    public TimelinePicture() {
        this(1000, 18, null);
    }

    public TimelinePicture(int width, int laneHeight, String title) {
        if (width < LEFT + RIGHT + 100) throw new IllegalArgumentException("width must be at least " + (LEFT + RIGHT + 100) + " pixels");
        if (laneHeight < 6) throw new IllegalArgumentException("lanes must be at least 6 pixels high");
        this.width = width;
        this.laneHeight = laneHeight;
        this.title = title;
    }

    public TimelinePicture titled(String newTitle) {
        return new TimelinePicture(width, laneHeight, newTitle);
    }

    /** Renders and writes a PNG (to a temporary name, then moved into place). */
    public void write(Path png, List<Panel> panels) throws IOException {
        byte[] bytes = Charts.png(render(panels));
        AtomicFiles.writeStream(png, out -> out.write(bytes));
    }

    /** The picture as PNG bytes with its size and a description for the page. */
    public ChartImage image(List<Panel> panels) {
        BufferedImage img = render(panels);
        StringBuilder d = new StringBuilder(title == null ? "timeline" : title);
        for (Panel p : panels) {
            d.append("; ").append(p.label()).append(": ").append(p.frames().frames()).append(" frames, ")
                    .append(cuts(p.frames())).append(" cuts on ").append(p.frames().highestTrack()).append(" tracks");
        }
        return new ChartImage(Charts.png(img), img.getWidth(), img.getHeight(), d.toString());
    }

    /** The picture. */
    public BufferedImage render(List<Panel> panels) {
        Geometry geo = geometry(panels);
        double scaleLo = Double.POSITIVE_INFINITY;
        double scaleHi = Double.NEGATIVE_INFINITY;
        double cropHi = 0;
        TreeSet<Integer> sources = new TreeSet<>();
        for (Panel p : panels) {
            TimelineFrames f = p.frames();
            for (int k = 0; k < TimelineFrames.TRACKS; k++) {
                for (int i = 0; i < f.frames(); i++) {
                    if (!f.active()[k][i]) continue;
                    sources.add(f.asset()[k][i]);
                    scaleLo = Math.min(scaleLo, f.scale(k, i));
                    scaleHi = Math.max(scaleHi, f.scale(k, i));
                    cropHi = Math.max(cropHi, f.cropTotal(k, i));
                }
            }
        }
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 12);
        BufferedImage img = new BufferedImage(width, geo.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, geo.height());
            if (title != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.setColor(INK);
                g.drawString(title, LEFT, 17);
            }
            Range scale = new Range(scaleLo, scaleHi);
            for (int i = 0; i < panels.size(); i++) drawPanel(g, panels.get(i), i, geo, scale, cropHi, plain, bold);
            drawAxis(g, geo, plain);
            drawLegend(g, sources, scale, cropHi, geo.axisTop() + AXIS_HEIGHT, plain);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static final int PANEL_LABEL = 18;
    private static final int PANEL_GAP = 6;
    private static final int AXIS_HEIGHT = 24;
    private static final int LEGEND_HEIGHT = 22;

    /** Where things go in the picture of {@code panels}: the time axis, the lanes, the size. */
    Geometry geometry(List<Panel> panels) {
        if (panels.isEmpty()) throw new IllegalArgumentException("nothing to draw: no panels");
        int lanes = 1;
        double start = Double.POSITIVE_INFINITY;
        double end = Double.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            TimelineFrames f = p.frames();
            lanes = Math.max(lanes, f.highestTrack());
            if (f.frames() == 0) continue;
            start = Math.min(start, f.timeS()[0]);
            end = Math.max(end, frameEnd(f, f.frames() - 1));
        }
        if (!(end > start)) {
            start = 0;
            end = 1;
        }
        int titleH = title == null ? 6 : 24;
        int panelH = PANEL_LABEL + lanes * (laneHeight + GAP) + PANEL_GAP;
        int height = titleH + panels.size() * panelH + AXIS_HEIGHT + LEGEND_HEIGHT;
        return new Geometry(start, end, LEFT, width - RIGHT, titleH, panelH, lanes, laneHeight, height);
    }

    /**
     * The layout of one picture.
     *
     * @param start  time at the left edge of the lanes, seconds
     * @param end    time at the right edge
     * @param left   x of the left edge of the lanes
     * @param right  x of their right edge
     */
    record Geometry(double start, double end, double left, double right, int titleHeight, int panelHeight, int lanes,
                    int laneHeight, int height) {
        double x(double t) {
            return left + (t - start) / (end - start) * (right - left);
        }

        /** The top pixel row of track {@code track} (0-based, V1 = 0) in panel {@code panel}. */
        int laneTop(int panel, int track) {
            int lane = lanes - 1 - track; // V1 at the bottom
            return titleHeight + panel * panelHeight + PANEL_LABEL + lane * (laneHeight + GAP);
        }

        /** The top row of the time axis, below the last panel. */
        int axisTop() {
            return height - AXIS_HEIGHT - LEGEND_HEIGHT;
        }
    }

    private void drawPanel(Graphics2D g, Panel p, int index, Geometry geo, Range scale, double cropHi, Font plain, Font bold) {
        TimelineFrames f = p.frames();
        int top = geo.titleHeight() + index * geo.panelHeight();
        g.setFont(bold);
        g.setColor(INK);
        g.drawString(p.label(), LEFT, top + 13);
        int labelW = g.getFontMetrics().stringWidth(p.label());
        g.setFont(plain);
        g.setColor(new Color(0x666666));
        g.drawString(String.format(Locale.ROOT, "  %s / %s, %d frames, %d cuts", f.project(), f.sequence(), f.frames(), cuts(f)),
                LEFT + labelW, top + 13);
        for (int track = 0; track < geo.lanes(); track++) {
            double laneTop = geo.laneTop(index, track);
            g.setColor(LANE);
            g.fill(new Rectangle2D.Double(geo.left(), laneTop, geo.right() - geo.left(), laneHeight));
            g.setColor(new Color(0x777777));
            g.setFont(plain);
            g.drawString("V" + (track + 1), 8, (float) (laneTop + laneHeight - 4));
            if (f.frames() > 0) drawTrack(g, f, track, laneTop, geo, scale, cropHi);
        }
    }

    private void drawTrack(Graphics2D g, TimelineFrames f, int k, double top, Geometry axis, Range scale, double cropHi) {
        int n = f.frames();
        int[] state = f.asset()[k];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && state[j + 1] == state[i]) j++;
            if (state[i] >= 0) {
                double x0 = axis.x(f.timeS()[i]);
                double x1 = axis.x(frameEnd(f, j));
                g.setColor(colour(state[i]));
                g.fill(new Rectangle2D.Double(x0, top, Math.max(1, x1 - x0), laneHeight));
                drawValueLine(g, f, k, i, j, top, axis, scale, cropHi);
            }
            i = j + 1;
        }
        g.setColor(CUT);
        g.setStroke(new BasicStroke(1.6f));
        for (int t = 1; t < n; t++) {
            if (state[t] != state[t - 1]) {
                double x = axis.x(f.timeS()[t]);
                g.draw(new Line2D.Double(x, top - 1, x, top + laneHeight + 1));
            }
        }
    }

    /** The scale line (dark) and, where something is cropped, the crop line (white) of frames i..j. */
    private void drawValueLine(Graphics2D g, TimelineFrames f, int k, int i, int j, double top, Geometry axis, Range scale, double cropHi) {
        double inner = laneHeight - 4.0;
        Path2D.Double scalePath = new Path2D.Double();
        Path2D.Double cropPath = new Path2D.Double();
        boolean cropOpen = false;
        for (int t = i; t <= j; t++) {
            double x0 = axis.x(f.timeS()[t]);
            double x1 = axis.x(frameEnd(f, t));
            double ys = top + 2 + inner * (1 - scale.unit(f.scale(k, t)));
            if (t == i) scalePath.moveTo(x0, ys);
            else scalePath.lineTo(x0, ys);
            scalePath.lineTo(x1, ys);
            double crop = f.cropTotal(k, t);
            if (crop > 0 && cropHi > 0) {
                double yc = top + 2 + inner * (1 - crop / cropHi);
                if (!cropOpen) cropPath.moveTo(x0, yc);
                else cropPath.lineTo(x0, yc);
                cropPath.lineTo(x1, yc);
                cropOpen = true;
            } else {
                cropOpen = false;
            }
        }
        g.setStroke(new BasicStroke(1.0f));
        g.setColor(new Color(20, 20, 20, 200));
        g.draw(scalePath);
        // Dashed and drawn last, so where crop and scale lines meet both stay visible.
        g.setStroke(new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 2f}, 0f));
        g.setColor(new Color(255, 255, 255, 235));
        g.draw(cropPath);
    }

    private static double frameEnd(TimelineFrames f, int t) {
        return t + 1 < f.frames() ? f.timeS()[t + 1] : f.timeS()[t] + Math.max(f.frameStep(), 1e-3);
    }

    private void drawAxis(Graphics2D g, Geometry geo, Font plain) {
        int top = geo.axisTop();
        g.setColor(new Color(0x777777));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(geo.left(), top + 2, geo.right(), top + 2));
        g.setFont(plain);
        FontMetrics fm = g.getFontMetrics();
        double step = niceStep((geo.end() - geo.start()) / 8);
        for (double t = Math.ceil(geo.start() / step) * step; t <= geo.end() + 1e-9; t += step) {
            double x = geo.x(t);
            g.draw(new Line2D.Double(x, top + 2, x, top + 6));
            String label = step >= 1 ? String.format(Locale.ROOT, "%.0f s", t) : String.format(Locale.ROOT, "%.1f s", t);
            int w = fm.stringWidth(label);
            g.drawString(label, (float) Math.min(Math.max(x - w / 2.0, 0), width - w), top + 18);
        }
    }

    private void drawLegend(Graphics2D g, TreeSet<Integer> sources, Range scale, double cropHi, int top, Font plain) {
        g.setFont(plain);
        FontMetrics fm = g.getFontMetrics();
        int x = LEFT;
        int base = top + 14;
        g.setColor(INK);
        g.drawString("sources:", x, base);
        x += fm.stringWidth("sources:") + 6;
        int shown = 0;
        for (int s : sources) {
            if (shown == 12) {
                String more = "+" + (sources.size() - shown) + " more";
                g.setColor(INK);
                g.drawString(more, x, base);
                x += fm.stringWidth(more) + 8;
                break;
            }
            g.setColor(colour(s));
            g.fillRect(x, base - 10, 12, 11);
            g.setColor(INK);
            g.drawString(Integer.toString(s), x + 15, base);
            x += 15 + fm.stringWidth(Integer.toString(s)) + 8;
            shown++;
        }
        x += 8;
        g.setColor(CUT);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(x, base - 11, x, base + 1);
        g.drawString("cut", x + 5, base);
        x += fm.stringWidth("cut") + 18;
        g.setStroke(new BasicStroke(1f));
        g.drawLine(x, base - 4, x + 16, base - 4);
        String sc = scale.empty() ? "scale" : String.format(Locale.ROOT, "scale %s-%s %%", num(scale.lo), num(scale.hi));
        g.drawString(sc, x + 20, base);
        x += 20 + fm.stringWidth(sc) + 14;
        if (cropHi > 0 && x + 200 < width) {
            g.setColor(new Color(0x999999));
            g.fillRect(x, base - 9, 18, 9);
            g.setColor(Color.WHITE);
            g.drawLine(x, base - 5, x + 18, base - 5);
            g.setColor(INK);
            g.drawString(String.format(Locale.ROOT, "crop, sides summed, 0-%s %%", num(cropHi)), x + 22, base);
        }
    }

    /** The colour of a source number: ten distinct colours, then hues spread by the golden angle. */
    public static Color colour(int source) {
        if (source < 0) return LANE;
        if (source < PALETTE.length) return PALETTE[source];
        float hue = (float) ((source * 0.381966) % 1.0);
        return Color.getHSBColor(hue, 0.45f, 0.85f);
    }

    /** Cuts in a table: state changes between consecutive frames, summed over tracks. */
    static int cuts(TimelineFrames f) {
        int n = 0;
        for (int k = 0; k < TimelineFrames.TRACKS; k++) {
            for (int t = 1; t < f.frames(); t++) if (f.asset()[k][t] != f.asset()[k][t - 1]) n++;
        }
        return n;
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * mag >= raw) return m * mag;
        return 10 * mag;
    }

    private static String num(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-6 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private record Range(double lo, double hi) {
        boolean empty() {
            return !(hi >= lo);
        }

        /** Position of v in the range as 0..1; the middle when the range is a single value. */
        double unit(double v) {
            if (empty() || hi - lo < 1e-9) return 0.5;
            return Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
        }
    }
}
