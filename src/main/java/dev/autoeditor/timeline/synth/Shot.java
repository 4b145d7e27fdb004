package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Source;

/**
 * One planned shot on a track: the source, the timeline cut points [start, end) where it is seen,
 * the source frame shown at {@code start}, its look, and the transitions at its edges. The
 * {@link TrackAssembler} turns shots into xmeml clip items (with -1 ends where a transition sits).
 */
final class Shot {
    final Source source;
    final long start;
    final long end;
    final long sourceIn;
    final Look look;
    boolean enabled = true;
    /** Frames of a centred cross dissolve into the next shot (0 = a straight cut). */
    int dissolveAfter;
    /** Frames of a fade up from black at the start (0 = none). */
    int fadeIn;
    /** Frames of a fade down to black at the end (0 = none). */
    int fadeOut;

    Shot(Source source, long start, long end, long sourceIn, Look look) {
        if (end <= start) throw new IllegalArgumentException("empty shot " + start + ".." + end);
        this.source = source;
        this.start = start;
        this.end = end;
        this.sourceIn = sourceIn;
        this.look = look;
    }

    long length() {
        return end - start;
    }

    Shot disabled() {
        enabled = false;
        return this;
    }
}
