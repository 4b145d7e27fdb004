package dev.autoeditor.prefs;

/**
 * The part of an edit both continuations follow: which export and sequence, the span in seconds of
 * the sequence ([start_s, end_s)), and its frames (the rows sampled in that span), which also carry
 * the rate every part of the pair shares and the sizes of the sequence's sources.
 */
public record PairContext(String export, String sequence, double startS, double endS, Edit frames) {
    public PairContext {
        if (export == null || export.isBlank()) throw new IllegalArgumentException("a context needs the export's name");
        if (sequence == null) throw new IllegalArgumentException("a context needs a sequence name");
        if (!Double.isFinite(startS) || !Double.isFinite(endS) || startS < 0 || endS < startS) {
            throw new IllegalArgumentException("context span must satisfy 0 <= start_s <= end_s, got " + startS + " to " + endS);
        }
        if (frames == null) throw new IllegalArgumentException("a context needs its frames (possibly none)");
        startS = Edit.canonical(startS);
        endS = Edit.canonical(endS);
    }
}
