package dev.autoeditor.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A clip with its timeline span [start, end) resolved, and its index among its track's items. A -1
 * end means the clip runs through the adjacent transition: with one side -1 the other side and the
 * source length give it ({@link Clip#timelineStart()}, {@link Clip#timelineEnd()}); with both -1
 * (FCP7 writes that for a clip between two transitions) only the track can say, so the clip starts
 * where the transition before it starts or, with none before, ends where the transition after it
 * ends. {@link VideoTrack} refuses a clip with both ends -1 and neither.
 */
public record PlacedClip(Clip clip, long start, long end, int position) {

    /** The source frame shown at a timeline frame: in + (frame - start), the axis keyframes are on. */
    public double sourceFrameAt(long frame) {
        return clip.in() + (double) (frame - start);
    }

    /** Every clip of these items, placed, in track order (disabled ones included). */
    static List<PlacedClip> of(List<TrackItem> items) {
        List<PlacedClip> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Clip c)) continue;
            long length = c.sourceLength();
            long start;
            long end;
            if (c.start() >= 0 || c.end() >= 0) {
                start = c.timelineStart();
                end = c.timelineEnd();
            } else if (i > 0 && items.get(i - 1) instanceof Transition before) {
                start = before.start();
                end = start + length;
            } else if (i + 1 < items.size() && items.get(i + 1) instanceof Transition after) {
                end = after.end();
                start = end - length;
            } else {
                throw new IllegalArgumentException("clip '" + c.name() + "' (" + c.id() + ") has start and end -1"
                        + " but no adjacent transition; its place on the timeline is unknown");
            }
            out.add(new PlacedClip(c, start, end, i));
        }
        return out;
    }
}
