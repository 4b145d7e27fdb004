package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.table.SamplingRate;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a synth run wrote: the files (of which {@code unchanged} were already there, identical), counts, and the sequences' lengths, from which the size of the
 * keyframe table that {@code convert} will make follows exactly.
 */
public record SynthSummary(Path outDir, List<Path> files, int unchanged, Map<SynthStyle, Integer> projectsPerStyle, long clips,
                           List<SequenceLength> sequences) {
    public SynthSummary {
        files = List.copyOf(files);
        Map<SynthStyle, Integer> inStyleOrder = new EnumMap<>(SynthStyle.class);
        inStyleOrder.putAll(projectsPerStyle);
        projectsPerStyle = Collections.unmodifiableMap(inStyleOrder);
        sequences = List.copyOf(sequences);
    }

    /** A sequence's length in frames at its rate. */
    public record SequenceLength(Rate rate, long frames) {
        public double seconds() {
            return rate.seconds(frames);
        }
    }

    /** One line: projects per style, written vs kept, hours and clips (not every file and length). */
    @Override
    public String toString() {
        StringBuilder styles = new StringBuilder();
        for (SynthStyle s : SynthStyle.values()) {
            Integer n = projectsPerStyle.get(s);
            if (n == null) continue;
            if (styles.length() > 0) styles.append(", ");
            styles.append(n).append(' ').append(s.configName());
        }
        return String.format(Locale.ROOT, "%d projects in %s (%s): %d written, %d already there; %.2f h of timeline, %d clips",
                files.size(), outDir, styles, files.size() - unchanged, unchanged, totalSeconds() / 3600, clips);
    }

    public double totalSeconds() {
        return sequences.stream().mapToDouble(SequenceLength::seconds).sum();
    }

    /**
     * Rows of the keyframe table that {@code convert} makes from these sequences at {@code sampling}:
     * it takes the frames floor(i * rate / fps) below each sequence's length (every frame once when
     * sampling natively or at least as fast as the sequence's rate), i.e. ceil(length * fps / rate).
     */
    public long tableRows(SamplingRate sampling) {
        long rows = 0;
        for (SequenceLength s : sequences) rows += rows(s, sampling);
        return rows;
    }

    static long rows(SequenceLength s, SamplingRate sampling) {
        // The very sampler convert uses, so the prediction cannot drift from what convert writes.
        return sampling.sampler(s.rate(), s.frames()).count();
    }
}
