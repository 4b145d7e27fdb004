package dev.autoeditor.timeline.synth;

import java.util.List;

/** Plans the video tracks of one sequence in a style: one list of shots per track, V1 first. */
interface StyleGenerator {
    List<List<Shot>> plan(SynthContext ctx);
}
