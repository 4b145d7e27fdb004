package dev.autoeditor.timeline;

/** The Crop filter: each edge in percent (0-100) of the source. */
public record Crop(Param left, Param right, Param top, Param bottom) {
    public static final Crop NONE = new Crop(Param.constant(0), Param.constant(0), Param.constant(0), Param.constant(0));
}
