package dev.autoeditor.prefs;

/**
 * One continuation of a pair's context: the frames after the context, and where they came from:
 * either a model ({@link ModelRef}: sampled by the generator) or an export ({@link ExportRef}: an
 * edit a person made and {@code prefs import} converted), never both.
 */
public record PairSide(ModelRef model, ExportRef export, Edit frames) {
    public PairSide {
        if ((model == null) == (export == null)) {
            throw new IllegalArgumentException("a continuation comes from a model or from an export: give exactly one");
        }
        if (frames == null || frames.isEmpty()) throw new IllegalArgumentException("a continuation needs at least one frame");
    }

    /** A continuation a model sampled. */
    public static PairSide sampled(ModelRef model, Edit frames) {
        return new PairSide(model, null, frames);
    }

    /** A continuation read from a person's export. */
    public static PairSide exported(ExportRef export, Edit frames) {
        return new PairSide(null, export, frames);
    }
}
