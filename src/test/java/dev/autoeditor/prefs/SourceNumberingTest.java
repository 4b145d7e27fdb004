package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.synth.SynthGenerator;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The asset numbering prefs relies on (to match sources across exports and size them) is the
 * keyframe table's: on synthetic projects of every style (dissolves, fades, disabled clips, nested
 * sequences, generators), every active cell's asset names a source that a clip on that track covers
 * at that frame, and the counts agree.
 */
class SourceNumberingTest {
    @Test
    void numbersNameTheSourcesTheTableNumbers() {
        SynthOptions options = SynthOptions.fromConfig(ConfigLoader.load("tiny", null, List.of())).withProjects(10);
        double[] row = new double[KeyframeTable.VALUES];
        long cells = 0;
        for (int i = 0; i < 10; i++) {
            Project project = SynthGenerator.project(options, i);
            for (Sequence s : project.sequences()) {
                KeyframeTable table = KeyframeTable.of(s);
                SourceNumbering numbering = SourceNumbering.of(s);
                assertEquals(table.assetCount(), numbering.sources().size(), project.name());
                for (long f = 0; f < table.lengthFrames(); f += 3) {
                    table.fill(f, row);
                    for (int k = 0; k < Math.min(KeyframeTable.TRACKS, s.tracks().size()); k++) {
                        if (row[k * KeyframeTable.FIELDS + KeyframeTable.ACTIVE] == 0) continue;
                        Source named = numbering.source((int) row[k * KeyframeTable.FIELDS + KeyframeTable.ASSET]);
                        assertTrue(covers(s.tracks().get(k), f, named), project.name() + " frame " + f + " V" + (k + 1) + ": " + named);
                        cells++;
                    }
                }
            }
        }
        assertTrue(cells > 1000, "cells checked: " + cells);
    }

    private static boolean covers(VideoTrack track, long frame, Source source) {
        for (PlacedClip p : track.placedClips()) {
            if (p.clip().enabled() && p.start() <= frame && frame < p.end() && p.clip().source().key().equals(source.key())) return true;
        }
        return false;
    }
}
