package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Rate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a synth run wrote: the files, counts, and the sequences' lengths, from which the size of the
 * keyframe table that {@code convert} will make follows exactly.
 */
public record SynthSummary(Path outDir, List<Path> files, Map<SynthStyle, Integer> projectsPerStyle, long clips,
                           List<SequenceLength> sequences) {
    public SynthSummary {
        files = List.copyOf(files);
        projectsPerStyle = Map.copyOf(projectsPerStyle);
        sequences = List.copyOf(sequences);
    }

    /** A sequence's length in frames at its rate. */
    public record SequenceLength(Rate rate, long frames) {
        public double seconds() {
            return rate.seconds(frames);
        }
    }

    public double totalSeconds() {
        return sequences.stream().mapToDouble(SequenceLength::seconds).sum();
    }

    /**
     * Rows of the keyframe table at {@code sampleFps} frames per second ("native" = every frame):
     * convert takes the frames floor(i * rate / fps) below the sequence's length, i.e.
     * ceil(length * fps / rate) of them, computed in integers.
     */
    public long tableRows(String sampleFps) {
        long rows = 0;
        for (SequenceLength s : sequences) rows += rows(s, sampleFps);
        return rows;
    }

    static long rows(SequenceLength s, String sampleFps) {
        if ("native".equals(sampleFps)) return s.frames();
        long fps = Long.parseLong(sampleFps);
        long num = s.rate().fpsNumerator();
        long den = s.rate().fpsDenominator();
        return (s.frames() * fps * den + num - 1) / num;
    }
}
