package dev.autoeditor.prefs;

import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The size of each asset's source as a multiple of the sequence frame (width and height apart), by
 * asset number. The keyframe table gives scale as a percentage of the source's own pixels and no
 * pixel size, so without this a UHD camera framed at scale 50 in an HD sequence (full frame) could
 * not be told from an HD one at scale 50 (a quarter of the frame). An asset whose size is not known
 * is taken to be the frame's size, which is right for most real exports (83% of their clips sit at
 * scale 100; docs/synth.md).
 */
public final class SourceSizes {
    /** No size known: every source is taken to be the frame's size. */
    public static final SourceSizes UNKNOWN = new SourceSizes(List.of());

    /** A source's width and height as multiples of the sequence frame's (1, 1 = the frame's size). */
    public record Size(double width, double height) {
        public static final Size FRAME = new Size(1, 1);

        public Size {
            if (!(width > 0) || !(height > 0) || !Double.isFinite(width) || !Double.isFinite(height)) {
                throw new IllegalArgumentException("a source size must be positive and finite, got " + width + " x " + height);
            }
            width = Edit.canonical(width);
            height = Edit.canonical(height);
        }
    }

    private final List<Size> byAsset;

    private SourceSizes(List<Size> byAsset) {
        this.byAsset = byAsset;
    }

    /** Sizes by asset number; a null entry is an unknown size. Trailing unknowns are dropped. */
    public static SourceSizes of(List<Size> byAsset) {
        List<Size> copy = new ArrayList<>(byAsset);
        while (!copy.isEmpty() && copy.get(copy.size() - 1) == null) copy.remove(copy.size() - 1);
        return copy.isEmpty() ? UNKNOWN : new SourceSizes(Collections.unmodifiableList(copy));
    }

    /**
     * The sizes of a sequence's sources, numbered as the keyframe table numbers them: files with a
     * pixel size, nested sequences, and generators (drawn at the sequence's size); multicam clips and
     * files without a size stay unknown.
     */
    public static SourceSizes of(Sequence sequence) {
        List<Size> sizes = new ArrayList<>();
        for (Source s : SourceNumbering.of(sequence).sources()) sizes.add(sizeOf(s, sequence));
        return of(sizes);
    }

    /** The size of {@code source} relative to {@code sequence}'s frame, or null when not known. */
    public static Size sizeOf(Source source, Sequence sequence) {
        if (sequence.width() <= 0 || sequence.height() <= 0) return null;
        if (source instanceof Source.File f) {
            return f.width() > 0 && f.height() > 0 ? relative(f.width(), f.height(), sequence) : null;
        }
        if (source instanceof Source.Nested n) {
            Sequence inner = n.sequence();
            return inner != null && inner.width() > 0 && inner.height() > 0 ? relative(inner.width(), inner.height(), sequence) : null;
        }
        if (source instanceof Source.Generator) return Size.FRAME;
        return null; // a multicam clip: its angles' sizes are not in the table's model
    }

    private static Size relative(int width, int height, Sequence sequence) {
        return new Size((double) width / sequence.width(), (double) height / sequence.height());
    }

    /** The size of asset {@code asset}'s source; the frame's size when it is not known. */
    public Size of(int asset) {
        Size s = asset >= 0 && asset < byAsset.size() ? byAsset.get(asset) : null;
        return s == null ? Size.FRAME : s;
    }

    /** The sizes as stored, by asset number (null = unknown); empty when none is known. */
    public List<Size> entries() {
        return byAsset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSizes s && byAsset.equals(s.byAsset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byAsset);
    }

    @Override
    public String toString() {
        return "SourceSizes" + byAsset;
    }
}
