package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.List;
import java.util.Set;

/** Small hand-built timelines for the table's unit tests. */
final class Timelines {
    static final Rate PAL = new Rate(25, false);

    private Timelines() {}

    static Source.File file(String id) {
        return new Source.File(id, id + ".mov", "file://" + id + ".mov", 100_000, PAL, 1920, 1080, false);
    }

    static Clip clip(String id, Source source, long start, long end, long in, long out) {
        return new Clip(id, id, true, start, end, in, out, source, Motion.IDENTITY, Crop.NONE, Set.of());
    }

    static Clip withMotion(Clip c, Motion m) {
        return new Clip(c.id(), c.name(), c.enabled(), c.start(), c.end(), c.in(), c.out(), c.source(), m, c.crop(), c.unsupported());
    }

    static Clip withCrop(Clip c, Crop crop) {
        return new Clip(c.id(), c.name(), c.enabled(), c.start(), c.end(), c.in(), c.out(), c.source(), c.motion(), crop, c.unsupported());
    }

    static Clip disabled(Clip c) {
        return new Clip(c.id(), c.name(), false, c.start(), c.end(), c.in(), c.out(), c.source(), c.motion(), c.crop(), c.unsupported());
    }

    static Param keyed(double... whenValue) {
        Keyframe[] ks = new Keyframe[whenValue.length / 2];
        for (int i = 0; i < ks.length; i++) ks[i] = Keyframe.linear(whenValue[2 * i], whenValue[2 * i + 1]);
        return new Param(0, List.of(ks));
    }

    static Transition dissolve(long start, long end) {
        return new Transition(start, end, Transition.Alignment.CENTER, -1, "Cross Dissolve", "Cross Dissolve");
    }

    static VideoTrack track(TrackItem... items) {
        return new VideoTrack(true, List.of(items));
    }

    static Sequence sequence(Rate rate, VideoTrack... tracks) {
        return new Sequence("seq", "Seq", rate, 1920, 1080, 0, List.of(tracks));
    }

    static Sequence sequence(VideoTrack... tracks) {
        return sequence(PAL, tracks);
    }

    static double value(double[] row, int track, int field) {
        return row[(track - 1) * KeyframeTable.FIELDS + field];
    }

    static double[] at(Sequence s, long frame) {
        double[] row = new double[KeyframeTable.VALUES];
        KeyframeTable.of(s).fill(frame, row);
        return row;
    }
}
